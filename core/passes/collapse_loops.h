// collapse-loops (O3): a counted loop whose body only adds constants to some cells and resets
// others runs its body once, with muladds standing for the sums.
#pragma once

#include "core/program.h"

namespace bf::passes {

// Applies to an innermost loop whose body is one block of kAdd, kSet and kMulAdd (no I/O, no move)
// in which the counter cell[p] is only added to, by a net -1 or +1, so the loop runs exactly c (or
// 256 - c) times whatever else happens. Every other cell the body writes must be either
//  - linear: only added to and never read in the body; it ends up += total*c, or
//  - reset: set, with only adds after its last set (muladds into it come before that set); it
//    ends up with the same value after every iteration, so after the first.
// Muladds may read neither the counter nor a linear cell, so the first iteration reads the values
// O0's first iteration reads. The body becomes: the same ops in the same order, except that the
// first add of a linear cell becomes `muladd cell += p[0] * total` (its src, the '[' as src2), the
// rest of its adds and the counter's adds go, and `set p[0] = 0` (src: the '[') ends the body, so
// the loop end exits. Traps are kept: the first iteration accesses the cells O0's first one does,
// in the same order, and later O0 iterations access no new cell (a muladd's conditional target is
// always set later in the body). The loop then makes 2 tests instead of c + 1 -- never more, as
// the step budget requires.
Program collapse_loops(const Program& program);

}  // namespace bf::passes
