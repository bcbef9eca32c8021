#include "cli/driver/bench_name.h"

#include <vector>

namespace bf::driver {

std::string_view phase_name(Phase phase) {
  switch (phase) {
    case Phase::kRun: return "run";
    case Phase::kCompile: return "compile";
    case Phase::kProcess: return "process";
  }
  return "?";
}

std::string level_name(int level) {
  if (level == kNoLevel) return "";
  std::string name(1, 'O');
  name += std::to_string(level);
  return name;
}

std::string BenchName::str() const {
  const std::string head = std::string(phase_name(phase)) + "/" + engine + "/" + program;
  return level == kNoLevel ? head : head + "/" + level_name(level);
}

std::optional<BenchName> BenchName::parse(std::string_view name) {
  std::vector<std::string_view> parts;
  while (true) {
    const auto slash = name.find('/');
    parts.push_back(name.substr(0, slash));
    if (slash == std::string_view::npos) break;
    name.remove_prefix(slash + 1);
  }
  BenchName out;
  if (parts[0] == "run") out.phase = Phase::kRun;
  else if (parts[0] == "compile") out.phase = Phase::kCompile;
  else if (parts[0] == "process") out.phase = Phase::kProcess;
  else return std::nullopt;
  if (parts.size() == 3 && out.phase == Phase::kProcess) {  // an external engine
    out.engine = std::string(parts[1]);
    out.program = std::string(parts[2]);
    out.level = kNoLevel;
    if (out.engine.empty() || out.program.empty()) return std::nullopt;
    return out;
  }
  if (parts.size() != 4) return std::nullopt;
  if (parts[3].size() != 2 || parts[3][0] != 'O' || parts[3][1] < '0' || parts[3][1] > '9') {
    return std::nullopt;
  }
  out.engine = std::string(parts[1]);
  out.program = std::string(parts[2]);
  out.level = parts[3][1] - '0';
  if (out.engine.empty() || out.program.empty()) return std::nullopt;
  return out;
}

}  // namespace bf::driver
