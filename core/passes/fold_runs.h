// fold-runs (O1): runs of `+`/`-` on one cell become one kAdd, runs of `<`/`>` one kMove.
#pragma once

#include <vector>

#include "core/program.h"

namespace bf::passes {

// Adjacent kAdds of the same cell fold into the first (its src: the earliest access); adjacent
// kMoves fold, and a net move of 0 disappears (moves never trap). A net kAdd of 0 still stands for
// an access that may trap, so it disappears only when the op before it certainly accessed the same
// cell (then this one cannot fall off the tape); otherwise it stays as `add 0`.
Program fold_runs(const Program& program);

// Appends `op` to `ops` as fold_runs() folds it into what is already there (an add or move merges
// with the add or move before it; any other op is appended as it is). fold_runs() is this over a
// program; the parser calls it to fold while it reads, so the unfolded program is never held.
// Loop links are left to the caller.
void append_folded(std::vector<Op>& ops, const Op& op);

}  // namespace bf::passes
