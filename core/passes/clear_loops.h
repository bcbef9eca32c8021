// clear-loops (O2): `[-]`, `[+]` and any loop adding an odd amount to its own cell become Set 0.
#pragma once

#include "core/program.h"

namespace bf::passes {

// A loop whose body is a single kAdd of an odd amount to cell[p] always ends with the cell at 0
// (an odd step generates every value mod 256). The kSet carries the '['’s src: the loop test is
// the first access. An even step (`[--]`) loops forever on odd values, so it stays a loop.
// Rewrites in place.
Program clear_loops(Program program);

}  // namespace bf::passes
