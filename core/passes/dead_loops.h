// dead-loops (O2): loops that provably never run -- their cell is known to be 0 -- are removed.
#pragma once

#include "core/program.h"

namespace bf::passes {

// cell[p] is known to be 0 at program start (a fresh tape, p = 0), right after a loop end or a
// scan (they stop only on 0), and after a kSet 0 -- until something writes it or p moves (moves
// are followed through a basic block). The first two are the rule known-cells follows too
// (kStartValue and value_tested_last in pass_support.h). Each of these also accessed the cell, so
// the removed loop test was an in-bounds access: no trap is lost. The comment loop at the start
// of many programs and `][...]` sequences are the common cases.
// Rewrites in place.
Program dead_loops(Program program);

}  // namespace bf::passes
