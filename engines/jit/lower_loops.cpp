// Loop tests: ordinary ones, ones decided at compile time, and registers carried into the body.
#include "engines/jit/lowerer.h"

namespace bf::jit {

void Lowerer::loop_begin(size_t i, bool flags_hold_cell) {
  Loop loop{emit_.new_label(), emit_.new_label()};
  if (const std::optional<uint8_t> value = value_of(0)) {
    // The test's outcome is known: skip the loop, or enter it without testing.
    decided_loop_test();
    if (*value == 0) emit_.jump(loop.after);
  } else {
    loop.carried = carried_register(i);
    loop_test(ops_[i].src, flags_hold_cell, loop.carried);
    emit_.jump_if_zero(loop.after);
  }
  loops_.push_back(loop);
  emit_.bind(loop.body);
  facts_.at_loop_body();
}

void Lowerer::loop_end(size_t i, bool flags_hold_cell) {
  const Loop loop = loops_.back();
  loops_.pop_back();
  if (const std::optional<uint8_t> value = value_of(0)) {
    decided_loop_test();
    if (*value != 0) {
      if (loop.carried) emit_.set(*loop.carried, *value);
      emit_.jump(loop.body);
    }
  } else {
    loop_test(ops_[i].src, flags_hold_cell, loop.carried);
    emit_.jump_if_nonzero(loop.body);
  }
  emit_.bind(loop.after);
  facts_.at_zero_exit();
}

// A loop test whose outcome is known: the step still counts, the compare is not needed.
void Lowerer::decided_loop_test() {
  if (count_steps_) emit_.count_step(step_exit_);
  facts_.at_join();
}

// The register an ordinary loop's tests should leave cell[p] in: when its body reads cell[p]
// again before anything else could spoil the register.
std::optional<CellRegister> Lowerer::carried_register(size_t begin) {
  if (!read_again(begin + 1, 0)) return std::nullopt;
  return facts_.registers.slot_of(0).value_or(CellRegister{0});
}

// A `[` or `]` test of cell[p]: one step, then the compare (unless the flags already hold it).
// With a carried register: movzx r8d+s, byte [rbx] (unless it holds cell[p] already), then
// test r8b+s, r8b+s -- one load, and the body starts with cell[p] in the register.
void Lowerer::loop_test(uint32_t src, bool flags_hold_cell, std::optional<CellRegister> carried) {
  if (count_steps_) emit_.count_step(step_exit_);  // clobbers the flags
  const bool compare = count_steps_ || !flags_hold_cell;
  if (carried) {
    if (facts_.registers.slot_of(0) != carried) {
      access(0, src);
      emit_.load(*carried, 0);  // movzx leaves the flags alone
    }
    if (compare) emit_.test(*carried);
  } else if (compare) {
    test_p(src);
  }
  facts_.at_join(carried);
}

// cmp byte [rbx], 0 -- or test r8b+s, r8b+s when a register holds cell[p].
void Lowerer::test_p(uint32_t src) {
  if (const std::optional<CellRegister> held = facts_.registers.slot_of(0)) {
    emit_.test(*held);
    return;
  }
  access(0, src);
  emit_.test(0);
}

// A loop test (`[` or `]`, at `src`) that leaves the loop for `after` when cell[p] is zero and
// otherwise goes on below -- where nothing else arrives, so what is known stays known. A known
// value decides it at compile time (the step still counts).
void Lowerer::exit_if_zero(uint32_t src, bool flags_hold_cell, Label after) {
  facts_.flags_hold_cell = false;
  if (count_steps_) emit_.count_step(step_exit_);  // clobbers the flags
  if (const std::optional<uint8_t> value = value_of(0)) {
    if (*value == 0) emit_.jump(after);
    return;
  }
  if (count_steps_ || !flags_hold_cell) test_p(src);
  emit_.jump_if_zero(after);
}

}  // namespace bf::jit
