// known-cells (O3): cell values known at compile time, carried through loops and conditionals,
// fold the ops that depend on them.
#pragma once

#include "core/program.h"

namespace bf::passes {

// A forward walk tracks, relative to p, which cells hold a known value (at program start every
// cell holds 0) and which cells are certainly on the tape (some earlier op accessed them on every
// path here). Facts survive a loop whose body returns p to where it started, except for the cells
// the body may write (at any depth); a loop that runs at most once (its body ends by zeroing the
// cell its end tests) passes the facts into its body unchanged, and after any loop the facts of
// both ways out (never entered, or left at the end) are joined, with cell[p] = 0.
// With those facts:
//  - a loop or scan whose cell is known 0 and on the tape is removed (its test cannot trap);
//  - a loop that runs at most once and whose cell is known non-zero and on the tape becomes its
//    body (both tests were in-bounds accesses whose outcome is known);
//  - an add to a known value becomes a set of the sum (the same access, at the same src);
//  - a set of the value the cell already holds, on the tape, is removed;
//  - a muladd whose counter is known and on the tape becomes an add (or set) of the product at its
//    target, or nothing when the counter is 0 (O0's loop then does not touch the target either).
// Only accesses of cells known to be on the tape are ever removed, and no access moves, so every
// trap stays at its command; no loop is added, so no more loop tests run than before.
Program known_cells(const Program& program);

}  // namespace bf::passes
