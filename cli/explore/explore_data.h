// The explorer page's data: everything `bfbench explore` learns about one program, as compact JSON
// -- the source, the IR after each pass, a counting run's per-op execution counts, each JIT's
// disassembly per op, the threaded engine's decoded stream, and every engine's code size and
// compile time. page.js (beside this file) is its only reader; the layout is described there.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "core/runtime/io.h"
#include "core/source.h"

namespace bf::cli {

struct ExploreSettings {
  int level = 3;
  std::string input;  // the counting run's input bytes
  EofPolicy eof = EofPolicy::kKeep;
  uint64_t max_steps = 0;  // 0: none; the counting run stops there, counts kept
  std::chrono::duration<double> time_limit{0};
  std::vector<std::string> engines;  // empty: every available engine
};

// Throws CommandError when the program does not parse.
std::string explore_json(const Source& source, const ExploreSettings& settings);

}  // namespace bf::cli
