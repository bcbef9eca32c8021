// Guarded runs (guarded_runs.h): a straight run's net form behind one range check, and the plain
// copy for a run near a tape end.
#include <utility>

#include "engines/jit/lowerer.h"

namespace bf::jit {

// When the run's cells are not all known to be on the tape, the range check -- of the lowest
// and highest cell, each only if outside the known cells -- sends a run that has one off the tape
// to its plain copy, out of line: the run's own ops, lowered as usual, so it traps at the command
// O0 traps at (or runs to the end, if only a muladd's skipped target was off the tape). Past the
// check no access of the net form can fault, so it may drop the run's dead writes and reorder the
// rest. Both copies leave the same cells; what the code after knows is what holds after either.
size_t Lowerer::guarded_run(const GuardedRun& run) {
  for (size_t i = run.begin; i <= run.end; ++i) record(i, Copy::kMain);  // asm: all at the check
  const bool check_low = run.lo < facts_.cells.lo();
  const bool check_high = run.hi > facts_.cells.hi();
  KnownCells cells_after = facts_.cells;
  KnownValues values_after = facts_.values;
  learn_from_run(run.plain, cells_after, values_after);

  if (check_low || check_high) {
    const RunCopy plain{&run, emit_.new_label(), emit_.new_label(), facts_.cells};
    if (check_high) emit_.jump_if_off_tape(run.hi, TapeEnd::kEnd, plain.start);
    if (check_low) emit_.jump_if_off_tape(run.lo, TapeEnd::kBegin, plain.start);
    facts_.cells.accessed(run.lo);
    facts_.cells.accessed(run.hi);
    lower_apart(run.net);
    emit_.bind(plain.after);
    run_copies_.push_back(plain);
  } else {
    lower_apart(run.net);
  }

  // The plain copy holds no cell in a register, and neither copy's flags can be relied on.
  facts_.cells = cells_after;
  facts_.values = values_after;
  facts_.registers.clear();
  facts_.flags_hold_cell = false;
  return run.end;
}

// Lowers `ops` -- ops that are not the program's, so nothing is recorded for them -- where the
// program's ops would go. Lookahead (read_again) ends with them.
void Lowerer::lower_apart(std::span<const Op> ops) {
  const std::span<const Op> program_ops = std::exchange(ops_, ops);
  for (size_t i = 0; i < ops_.size(); ++i) i = lower_op(i, Copy::kPlain);
  ops_ = program_ops;
}

}  // namespace bf::jit
