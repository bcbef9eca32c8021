#include "core/passes/pipeline.h"

#include <stdexcept>
#include <string>

namespace bf {

namespace {

// One row per level; each row lists that level's passes in order. Filled in by the optimizer work.
constexpr std::span<const Pass> kLevels[kMaxLevel + 1] = {{}, {}, {}, {}};

}  // namespace

std::span<const Pass> passes_for_level(int level) {
  if (level < 0 || level > kMaxLevel) throw std::out_of_range("no optimization level O" + std::to_string(level));
  return kLevels[level];
}

std::span<const Pass> all_passes() { return kLevels[kMaxLevel]; }

Program optimize(Program program, int level, const PassObserver& observer, bool check) {
  for (const Pass& pass : passes_for_level(level)) {
    Program next = pass.run(program);
    if (check) {
      if (const std::string problem = verify(next); !problem.empty()) {
        throw std::logic_error("pass " + std::string(pass.name) + " broke the IR: " + problem);
      }
    }
    if (observer) observer(pass, program, next);
    program = std::move(next);
  }
  return program;
}

}  // namespace bf
