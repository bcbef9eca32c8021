// Peeled loops (peeled_loops.h): the first iteration apart, then the loop proper with the facts
// every iteration leaves for the next.
#include "engines/jit/lowerer.h"

namespace bf::jit {

// The first iteration is entered only from the loop's entry, so it keeps what was known before
// the loop; then the loop proper, which starts with the facts every iteration leaves for the next:
//   [step] test; je after; <body>; [step] test; je after;
//   body: <body, with the facts>; [step] test; jne body; after:
// Each test counts a step and traps like the loop's own (the first iteration's end test is the
// `]`'s), so steps and traps are those of the loop unpeeled. op_offsets describe the loop
// proper; the first iteration's code belongs to the LoopBegin.
size_t Lowerer::peeled_loop(const PeeledLoop& peeled, bool flags_hold_cell) {
  const Loop loop{emit_.new_label(), emit_.new_label()};
  exit_if_zero(ops_[peeled.begin].src, flags_hold_cell, loop.after);
  for (size_t i = peeled.begin + 1; i < peeled.end; ++i) i = lower_op(i, Copy::kMain);
  exit_if_zero(ops_[peeled.end].src, facts_.flags_hold_cell, loop.after);

  // The loop proper, entered from the first iteration's end and from its own.
  emit_.bind(loop.body);
  facts_.at_peeled_loop(peeled.lo, peeled.hi, peeled.values);
  loops_.push_back(loop);
  for (size_t i = peeled.begin + 1; i <= peeled.end; ++i) i = lower_op(i, Copy::kMain);  // its ]
  return peeled.end;
}

}  // namespace bf::jit
