// BenchName: phase/engine/program/level, the name of every benchmark the driver registers.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace bf::driver {

enum class Phase { kRun, kCompile };

struct BenchName {
  Phase phase = Phase::kRun;
  std::string engine;
  std::string program;
  int level = 0;

  std::string str() const;  // "run/naive/hanoi/O2"
  static std::optional<BenchName> parse(std::string_view name);
};

std::string_view phase_name(Phase phase);  // "run", "compile"
std::string level_name(int level);         // "O2"

}  // namespace bf::driver
