// set-add-merge (O3): within a basic block, later kAdds and kSets of a cell fold into its
// earlier pending write.
#pragma once

#include "core/program.h"

namespace bf::passes {

// `add p[1] 2; out p[0]; add p[1] 3` -> `add p[1] 5; out p[0]`;  `set p[1] 0; add p[1] 7` ->
// `set p[1] 7`;  `add p[1] 5; set p[1] 0` -> `set p[1] 0`. A write absorbs later ones until its
// cell is read (out, in, a muladd's counter) or touched by a muladd, or the block ends (a move,
// loop or scan). The merged op stays where the earliest access was, with its src, so the cells
// accessed first -- the only ones that can trap -- keep their order; the later accesses of the
// same cell are in bounds. An add that nets 0 goes when its cell was certainly accessed earlier
// in the block.
Program set_add_merge(Program program);

}  // namespace bf::passes
