// affine-loops (O3): a counted loop whose body adds, per turn, a multiple of a cell the loop does
// not change to another cell (the classic multiply `a[b[->+>+<<]>>[-<<+>>]<<<-]`, once its copy
// loops are muladds) runs its body once, then the other turns in closed form with kProduct.
#pragma once

#include "core/program.h"

namespace bf::passes {

// Applies to a loop whose body is one block of kAdd, kSet and kMulAdd (no move, I/O or loop).
// The body is an affine map M of the cells it mentions: after a turn, each is a constant plus a
// sum of multiples of the values at the turn's start (mod 256). The loop is rewritten when
//  - the counter cell[p] only gains a constant odd s per turn, so the loop runs n = c * k times
//    (k = trip_factor(s)) and, after the first turn, m = c1 * k more (c1 its value then);
//  - every other cell is stable or linear. Stable cells (S) keep, from the first turn on, the value
//    the first turn leaves: each row of M reads only S cells and M(M(x)) = M(x) on it (by
//    induction the value after every later turn equals the one after the first). A linear cell x
//    gains g = a + sum f_y * y per turn, y in S, so after the first turn it ends up
//    x += m * g = c1 * (k*a) + sum c1 * y * (k*f_y): a kMulAdd and a kProduct per y.
// The body becomes: the body as it was (the first turn), the closed form, then `set p[0] = 0`,
// so the end test exits. Cells of S whose value after the first turn is a constant fold into a.
//
// Safety. The first turn is the old body, op for op, so it accesses what O0's first turn accesses,
// in the same order, and traps where it does. The rewrite is made only when every cell the body
// mentions is certainly on the tape after that turn (CellInterval: the cells known at the '[' --
// followed across moves and loops that keep p, as net-writes does -- plus the body's certain
// accesses); then neither O0's later turns, which access only cells the body mentions, nor the
// closed form, which accesses only the counter, S cells and linear cells, can trap, and a zero
// counter or factor that makes a kMulAdd or kProduct skip its target changes no value (it adds
// zero). Output is untouched (no I/O in the body), and the loop makes 2 tests instead of n + 1,
// never more, as the step budget requires.
Program affine_loops(Program program);

}  // namespace bf::passes
