// multiply-loops (O3): loops that move their counter's value into other cells become kMulAdds.
#pragma once

#include "core/program.h"

namespace bf::passes {

// A loop qualifies when its body is a basic block of kAdds and kMoves only (no I/O, no inner loop,
// no kSet), returns the pointer to where it started, and changes its counter cell[p] by exactly -1
// or +1 per iteration. It runs c times (or 256 - c for a +1 counter, so every factor is negated),
// adding factor*c to each other cell it touches. It becomes, per target in body order of first
// access, `muladd target += p[0] * factor` (src: that first access; src2: the '['), then
// `set p[0] = 0` (src: the '['). The first kMulAdd's counter read stands for the loop test, each
// target's write for its first access, so traps stay where O0 has them; targets never written
// while the counter is 0 are not touched while it is 0 either.
Program multiply_loops(const Program& program);

}  // namespace bf::passes
