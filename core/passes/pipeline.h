// The optimizer: a table of pure passes per level. Every engine receives the program it returns,
// so "engine" and "optimization level" stay independent axes of every measurement.
#pragma once

#include <cstddef>
#include <functional>
#include <span>
#include <string_view>

#include "core/program.h"
#include "core/source.h"

namespace bf {

inline constexpr int kMaxLevel = 3;

struct Pass {
  std::string_view name;         // "fold-runs"
  std::string_view description;  // one line for `bfbench ir --passes`
  Program (*run)(const Program&);
  // A pass that rewrites the program in place has this too; the pipeline hands it the program
  // when nothing else needs the program before the pass, so that only one copy is ever held.
  Program (*rewrite)(Program) = nullptr;
};

// The passes level `level` (0..kMaxLevel) runs, in order (a pass may appear twice). O0 runs none.
// A disabled pass (see disabled_pass()) is still listed; optimize() skips it.
std::span<const Pass> passes_for_level(int level);

// After a level's passes ran once, the tail from `first` runs again while a round removes a loop,
// up to `max` rounds in all. max = 1: the passes run once.
struct Rounds {
  size_t first = 0;
  int max = 1;
};
Rounds rounds_for_level(int level);

// Every pass any level uses, each once, in first-use order.
std::span<const Pass> all_passes();

// The pass this build skips at every level (CMake: -DBFBENCH_DISABLED_PASS=name), or "".
std::string_view disabled_pass();

// Called after each pass with its name, the program before and after (per-pass statistics).
using PassObserver = std::function<void(const Pass&, const Program& before, const Program& after)>;

#ifdef NDEBUG
inline constexpr bool kVerifyPassesByDefault = false;
#else
inline constexpr bool kVerifyPassesByDefault = true;
#endif

// Runs the level's pipeline. With `check` (tests, debug builds) verify() runs after every pass and
// a violation throws std::logic_error naming the pass.
Program optimize(Program program, int level, const PassObserver& observer = {},
                 bool check = kVerifyPassesByDefault);

// optimize(parse(source), level), with the level's leading fold-runs done while parsing, so that
// the O0 program (one op per command) is never held: what `bfbench run` and the benchmark use.
// Throws ParseError.
Program parse_and_optimize(const Source& source, int level, bool check = kVerifyPassesByDefault);

}  // namespace bf
