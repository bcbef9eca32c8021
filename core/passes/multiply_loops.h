// multiply-loops (O3): loops that move their counter's value into other cells become kMulAdds.
#pragma once

#include "core/program.h"

namespace bf::passes {

// A loop qualifies when its body is a basic block of kAdds and kMoves only (no I/O, no inner loop,
// no kSet), returns the pointer to where it started, and changes its counter cell[p] by an odd
// amount s per iteration. It runs n = c * k mod 256 times, k the inverse of -s mod 256 (c times
// for s = -1, 256 - c for s = +1; see trip_factor), adding a*n = c*(k*a) to each other cell it
// touches by a per iteration, so each factor is k*a. It becomes, per target in body order of first
// access, `muladd target += p[0] * factor` (src: that first access; src2: the '['), then
// `set p[0] = 0` (src: the '['). The first kMulAdd's counter read stands for the loop test, each
// target's write for its first access, so traps stay where O0 has them; targets never written
// while the counter is 0 are not touched while it is 0 either.
// Rewrites in place.
Program multiply_loops(Program program);

}  // namespace bf::passes
