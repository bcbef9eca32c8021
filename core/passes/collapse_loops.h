// collapse-loops (O3): a counted loop whose body only adds constants to some cells and resets
// others runs its body once, with muladds standing for the sums.
#pragma once

#include "core/program.h"

namespace bf::passes {

// Applies to an innermost loop whose body is one block of kAdd, kSet and kMulAdd (no I/O, no move)
// in which the counter cell[p] is only added to, by a net odd amount s, so the loop runs exactly
// n = c * k mod 256 times (k the inverse of -s; see trip_factor) whatever else happens. Every other
// cell the body writes must be either
//  - linear: only added to and never read in the body; it ends up += total*n, or
//  - reset: set, with only adds after its last set (muladds into it come before that set); it
//    ends up with the same value after every iteration, so after the first.
// A muladd whose counter is a reset cell that ends each turn at 0 and is not written before the
// muladd adds nothing after the first turn (a nested counted loop): its target may stay linear.
// Other muladds may read neither the counter nor a linear cell, so the first iteration reads the
// values O0's first iteration reads. The body becomes: the same ops in the same order, except that
// the first add of a linear cell becomes `muladd cell += p[0] * k*total` (its src, the '[' as
// src2), the rest of its adds and the counter's adds go, and `set p[0] = 0` (src: the '[') ends
// the body, so the loop end exits. Traps are kept: the first iteration accesses the cells O0's
// first one does, in the same order, and later O0 iterations access no new cell (a muladd's
// conditional target is either set later in the body or not touched after the first turn, its
// counter being 0 then). The loop then makes 2 tests instead of n + 1 -- never more, as the step
// budget requires.
Program collapse_loops(Program program);

}  // namespace bf::passes
