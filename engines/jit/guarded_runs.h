// Guarded runs: straight runs of Adds, Sets and MulAdds that the net-writes pass had to leave as
// they are because not all their cells were known to be on the tape -- a muladd into a cell that
// is set again right after, a cell added to and then cleared. Their net form (net_form(),
// core/passes/net_writes.h) drops such dead writes. The JIT runs it behind one range check at the
// run's head that proves every cell of the run on the tape; the rare run near a tape end takes an
// out-of-line plain copy instead, which traps exactly where O0 does (lower_guarded_run.cpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "core/program.h"
#include "engines/jit/known_cells.h"
#include "engines/jit/known_values.h"

namespace bf::jit {

struct GuardedRun {
  size_t begin = 0;  // the run is ops [begin, end]
  size_t end = 0;
  int32_t lo = 0;  // the cells it touches: offsets from p, which it does not move
  int32_t hi = 0;
  std::vector<Op> plain;  // a copy of the run (the plain copy is lowered after the ops are gone)
  std::vector<Op> net;    // its net form
};

// The runs whose net form saves at least kGuardedRunSaving ops (a range check costs about one),
// in op order.
inline constexpr size_t kGuardedRunSaving = 2;
// The ops a run is made of: Add, Set and MulAdd.
bool in_run(OpKind kind);
std::vector<GuardedRun> find_guarded_runs(const Program& program);

// The run among `runs` (in op order) that begins at op `begin`, if any. Unlike starting_at()
// (lowerer.h) it may be asked again for a run already lowered: a peeled loop lowers its body twice.
const GuardedRun* guarded_run_at(const std::vector<GuardedRun>& runs, size_t begin);

// What holds after `run` has run, whichever copy ran it, given what held before: the cells it
// accesses whatever the values (not a muladd's target: a zero counter skips it) are on the tape,
// and the cells it writes hold what follows from values known before.
void learn_from_run(std::span<const Op> run, KnownCells& cells, KnownValues& values);

}  // namespace bf::jit
