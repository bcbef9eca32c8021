#include "core/passes/pass_switch.h"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "core/passes/pipeline.h"

namespace bf {

namespace {

struct Switch {
  bool only = false;  // true: `names` lists the passes that run; false: those that don't
  std::set<std::string, std::less<>> names;
};

Switch& current() {
  static Switch state;
  return state;
}

std::set<std::string, std::less<>> checked(const std::vector<std::string>& names) {
  std::string known;
  for (const Pass& pass : all_passes())
    known += (known.empty() ? "" : ", ") + std::string(pass.name);
  for (const std::string& name : names) {
    const auto passes = all_passes();
    if (std::none_of(passes.begin(), passes.end(), [&](const Pass& p) { return p.name == name; })) {
      throw std::invalid_argument("no pass is named '" + name + "' (passes: " + known + ")");
    }
  }
  return {names.begin(), names.end()};
}

}  // namespace

void disable_passes(const std::vector<std::string>& names) { current() = {false, checked(names)}; }

void run_only_passes(const std::vector<std::string>& names) { current() = {true, checked(names)}; }

void enable_all_passes() { current() = {}; }

bool pass_enabled(std::string_view name) {
  const Switch& state = current();
  return state.names.contains(name) == state.only;
}

}  // namespace bf
