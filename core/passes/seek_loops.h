// seek-loops (O3): walking loops that carry an amount along, `[->+]`, `[--<<++]`, ..., become a
// seek: a scan for the one value that stops them.
#pragma once

#include "core/program.h"

namespace bf::passes {

// A loop whose body is exactly `cell[p] -= k; cell[p+s] += k; p += s` (the two adds in either
// order, k != 0 mod 256, s != 0). Each iteration gives back to the cell it leaves what the
// previous iteration lent it, so the cells it walks over end as they were, and it stops at the
// first cell c (from p+s on, every s) holding v = -k mod 256, which the last add makes 0. So
//
//   loop { cell[p] -= k; p += s; seek v by s; cell[p] = 0 }
//
// with the same cells written to the same values. The seek tests the cells in the order the
// loop first touches them, and each of those first touches is the `+` add's, so a walk off the
// tape reports that command (src and src2 both), as at O0. The loop that stays runs at most once
// (its body ends on a zero cell): two loop tests where O0 made 1 + (the steps walked) >= 2, so
// the step count never grows. A copy of the program only when some loop matches.
Program seek_loops(Program program);

}  // namespace bf::passes
