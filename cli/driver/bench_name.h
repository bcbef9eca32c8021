// BenchName: phase/engine/program/level, the name of every benchmark the driver registers.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace bf::driver {

// run/ and compile/ are timed in process; process/ is a whole child process (start-up included).
enum class Phase { kRun, kCompile, kProcess };

// The level of an external engine's benchmark: it has none of ours ("process/tritium/hanoi").
inline constexpr int kNoLevel = -1;

struct BenchName {
  Phase phase = Phase::kRun;
  std::string engine;
  std::string program;
  int level = 0;

  std::string str() const;  // "run/naive/hanoi/O2", "process/tritium/hanoi"
  static std::optional<BenchName> parse(std::string_view name);
};

std::string_view phase_name(Phase phase);  // "run", "compile"
std::string level_name(int level);         // "O2"; "" for kNoLevel

}  // namespace bf::driver
