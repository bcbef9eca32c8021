// net-writes (O3): a straight run of adds, sets and muladds whose cells are all certainly on the
// tape becomes the net change of each cell.
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "core/program.h"

namespace bf::passes {

// Each cell's value after such a run is a constant plus a sum of multiples of the values the
// run's cells had when it started; the run is rewritten as, per changed cell, one Set or Add and
// one MulAdd per other cell it depends on. The copy idiom `[>+>+<<-]>>[<<+>>-]` (copy a cell
// through a temporary and restore it) leaves `muladd p[+1] += p[0]` and nothing else: the
// temporary's round trip, which a JIT pays as a store-to-load chain, is gone.
//
// Safety: only the part of a run after which every cell it touches lies between two cells
// certainly accessed already (moves followed; across a loop only if it keeps p) is rewritten, so
// none of the rewritten accesses can fall off the tape and traps stay where they were; a muladd
// adds zero when its counter is zero, so reading it unconditionally changes no value. The rewrite
// must be strictly shorter, and is skipped when the writes cannot be ordered so that each reads
// only cells not yet overwritten (a swap), when a cell's own factor is not 0 or 1, or when a cell
// would gain from two other cells (slower than the run it replaces, measured).
Program net_writes(const Program& program);

// The net writes of `run` (Adds, Sets and MulAdds, in one block: p stays put), as net-writes
// writes them when every cell the run touches is certainly on the tape -- so, unlike the pass,
// with no regard for where the run's accesses could trap. nullopt when it has none (fewer than
// two ops, too many cells, a swap, ...). A JIT that proves the cells on the tape at run time runs
// this instead of the run (engines/jit/guarded_runs.h).
std::optional<std::vector<Op>> net_form(std::span<const Op> run);

}  // namespace bf::passes
