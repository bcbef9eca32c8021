// MulAdd groups: consecutive MulAdds on the same counter, which read it once.
#include <algorithm>
#include <climits>

#include "engines/jit/lowerer.h"

namespace bf::jit {

// No target of the group is the counter, so it cannot change. A zero counter adds zero, so the
// targets can be updated without a branch -- as long as none of them can fall off the tape,
// where a zero counter must not touch it. Targets inside the known cells need nothing; others
// get a range check that sends the rare group near a tape end to an out-of-line stub: zero
// counter -> skip the group, else run it (an off-tape target then faults at its own command, as
// it should).
size_t Lowerer::mul_add_group(size_t first, Copy copy) {
  const int32_t from = ops_[first].from;
  size_t last = first;
  while (ops_[first].offset != from && last + 1 < ops_.size() &&
         ops_[last + 1].kind == OpKind::kMulAdd && ops_[last + 1].from == from &&
         ops_[last + 1].offset != from) {
    ++last;
  }
  if (const std::optional<uint8_t> counter = value_of(from)) {
    return known_counter_group(first, last, *counter, copy);
  }
  if (const std::optional<CellRegister> pinned = facts_.registers.pinned_slot(from)) {
    emit_.load_counter(*pinned);
  } else if (const std::optional<CellRegister> held =
                 held_in_register(from, last + 1, ops_[first].src2)) {
    emit_.load_counter(*held);
  } else {
    access(from, ops_[first].src2);
    emit_.load_counter(from);
  }

  // The targets in memory (pinned ones are registers, which cannot fault): their range.
  int32_t low = INT32_MAX;
  int32_t high = INT32_MIN;
  bool far = false;
  for (size_t i = first; i <= last; ++i) {
    if (facts_.registers.pinned_slot(ops_[i].offset)) continue;
    low = std::min(low, ops_[i].offset);
    high = std::max(high, ops_[i].offset);
    far = far || facts_.cells.needs_check(ops_[i].offset);
  }
  if (far) {
    // Some target is beyond the guards' reach: explicit checks, which must not run (and trap)
    // when the counter is zero, so branch around the group.
    const Label skip = emit_.new_label();
    emit_.test_counter();
    emit_.jump_if_zero(skip);
    may_be_skipped(facts_, [&] { mul_add_targets(first, last, copy); });
    emit_.bind(skip);
    return last;
  }

  // p + low >= begin is implied when low is right of a known cell, and p + high < end when
  // high is left of one.
  const bool in_memory = low <= high;
  const bool check_low = in_memory && low < facts_.cells.lo();
  const bool check_high = in_memory && high > facts_.cells.hi();
  const GroupStub stub{emit_.new_label(), emit_.new_label(), emit_.new_label()};
  if (check_high) emit_.jump_if_off_tape(high, TapeEnd::kEnd, stub.slow);
  if (check_low) emit_.jump_if_off_tape(low, TapeEnd::kBegin, stub.slow);
  emit_.bind(stub.targets);
  // The stub's zero-counter path skips the targets.
  may_be_skipped(facts_, [&] { mul_add_targets(first, last, copy); });
  if (check_low || check_high) {
    emit_.bind(stub.done);
    group_stubs_.push_back(stub);
  }
  return last;
}

void Lowerer::mul_add_targets(size_t first, size_t last, Copy copy) {
  for (size_t i = first; i <= last; ++i) {
    const Op& op = ops_[i];
    if (i != first) record(i, copy);
    if (const std::optional<CellRegister> pinned = facts_.registers.pinned_slot(op.offset)) {
      emit_.mul_add(*pinned, low_byte(op.arg));
    } else if (const std::optional<CellRegister> held = held_register(op.offset)) {
      // Never loaded here: a zero counter may skip this code (a range-check stub).
      access(op.offset, op.src);
      emit_.mul_add(*held, low_byte(op.arg));
      emit_.store(*held, op.offset);
    } else if (const std::optional<uint8_t> value = value_of(op.offset)) {
      // The target's value is known (so it is on the tape): write, without reading, value +
      // counter * factor -- the value itself when the counter is zero.
      access(op.offset, op.src);
      emit_.store_product(op.offset, low_byte(op.arg), *value);
      facts_.values.forget(op.offset);
    } else {
      access(op.offset, op.src);
      emit_.mul_add(op.offset, low_byte(op.arg));
    }
  }
}

// A product reads its factors from memory (cell registers are write-through), each where the
// reference does: the second only when the first is non-zero, the target only when both are.
// The target is then changed in memory: a register or a known value for it is forgotten.
void Lowerer::product(const Op& op) {
  const Label skip = emit_.new_label();
  access(op.from, op.src2);
  emit_.load_counter(op.from);
  emit_.test_counter();
  emit_.jump_if_zero(skip);
  may_be_skipped(facts_, [&] {
    access(product_second(op), op.src2);
    emit_.load_second_factor(product_second(op));
    emit_.jump_if_zero(skip);
    emit_.multiply_counter_by_second();
    access(op.offset, op.src);
    emit_.mul_add(op.offset, product_factor(op));
  });
  emit_.bind(skip);
  facts_.values.forget(op.offset);
  facts_.registers.forget(op.offset);
}

// A MulAdd group whose counter's value c is known (its cell was accessed, so reading it cannot
// trap): with c = 0 nothing happens; otherwise each target is an Add of c * factor.
size_t Lowerer::known_counter_group(size_t first, size_t last, uint8_t counter, Copy copy) {
  for (size_t i = first; i <= last; ++i) {
    record(i, copy);
    if (counter == 0) continue;
    const Op& op = ops_[i];
    const uint8_t amount = low_byte(counter * op.arg);
    access(op.offset, op.src);
    if (const std::optional<uint8_t> value = value_of(op.offset)) {
      emit_.set(op.offset, low_byte(*value + amount));
      facts_.values.set(op.offset, low_byte(*value + amount));
    } else if (const std::optional<CellRegister> held = held_register(op.offset)) {
      emit_.add(*held, amount);
      emit_.store(*held, op.offset);
    } else {
      emit_.add(op.offset, amount);
    }
  }
  return last;
}

}  // namespace bf::jit
