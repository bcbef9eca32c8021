// Loop shapes: which loops keep the pointer where they found it, and which cells every iteration of
// such a loop is sure to touch.
#pragma once

#include <cstdint>
#include <vector>

#include "core/program.h"

namespace bf::cc {

// A loop is fixed when its body, nested loops included, moves the pointer by zero in total and
// holds no scan: then every iteration sees the same cells at the same offsets from the tested one.
// Its sure range spans the cells each iteration touches whatever the data: the loop's own test,
// its direct ops (a multiply's counter, but not its target, which is touched only when the counter
// is non-zero) and the tests of loops directly inside it. A range check on entry that fails for
// them means the run certainly traps in the first iteration.
struct LoopShape {
  bool fixed = false;
  int64_t sure_min = 0;  // relative to the loop's tested cell; meaningful when fixed
  int64_t sure_max = 0;
};

// One entry per op; meaningful at kLoopBegin indices. Iterative, so nesting depth is unbounded.
std::vector<LoopShape> analyze_loops(const Program& program);

}  // namespace bf::cc
