// Fixed regions (fixed_regions.h): a loop nest whose busiest cells are pinned to cell registers.
#include <stdexcept>

#include "engines/jit/lowerer.h"

namespace bf::jit {

// If all the region's chosen cells are on the tape -- one range check -- they are loaded into
// registers, the region runs on them, and the written ones are stored back at its end. Otherwise
// (p near a tape end) an out-of-line plain copy of the region runs, which traps exactly where the
// naive engine does (no copy when the cells are known to be on the tape already). Inside the
// registers version no access to a pinned cell can fault, and every other access is marked as
// usual, so traps are the same.
size_t Lowerer::fixed_region(const FixedRegion& region) {
  facts_.registers.clear();  // the region's own cells go there
  const PlainCopy plain{&region, emit_.new_label(), emit_.new_label(), facts_.cells};
  const int32_t low = region.cells.front().offset;
  const int32_t high = region.cells.back().offset;
  const bool check_high = high > facts_.cells.hi();
  const bool check_low = low < facts_.cells.lo();
  if (check_high) emit_.jump_if_off_tape(high, TapeEnd::kEnd, plain.start);
  if (check_low) emit_.jump_if_off_tape(low, TapeEnd::kBegin, plain.start);
  facts_.cells.accessed(low);
  facts_.cells.accessed(high);
  for (size_t slot = 0; slot < region.cells.size(); ++slot) {
    emit_.load(CellRegister{static_cast<int>(slot)}, region.cells[slot].offset);
  }
  facts_.values.clear();
  facts_.registers.pin(region);

  // The region's own LoopBegin: an ordinary loop test, on the cells now in registers.
  const Loop loop{emit_.new_label(), emit_.new_label()};
  loops_.push_back(loop);
  region_loop_test(ops_[region.begin].src, false);
  emit_.jump_if_zero(loop.after);
  emit_.bind(loop.body);
  for (size_t i = region.begin + 1; i <= region.end; ++i) i = region_op(i);

  facts_.registers.unpin();
  for (size_t slot = 0; slot < region.cells.size(); ++slot) {
    if (region.cells[slot].written) {
      emit_.store(CellRegister{static_cast<int>(slot)}, region.cells[slot].offset);
    }
  }
  if (check_high || check_low) {
    emit_.bind(plain.after);
    plain_copies_.push_back(plain);
  }
  facts_.flags_hold_cell = false;
  facts_.at_join();  // the region ends with its loop's test
  facts_.at_zero_exit();
  return region.end;
}

// An op inside a fixed region: no Move, Scan, Out or In there; pinned cells are registers, any
// other cell is read and written in memory; values are not tracked.
size_t Lowerer::region_op(size_t i) {
  const Op& op = ops_[i];
  record(i, Copy::kMain);
  const bool flags_hold_cell = facts_.flags_hold_cell;
  facts_.flags_hold_cell = false;
  const std::optional<CellRegister> pinned = facts_.registers.pinned_slot(op.offset);
  switch (op.kind) {
    case OpKind::kAdd:
      if (pinned) {
        emit_.add(*pinned, low_byte(op.arg));
      } else {
        add_in_memory(op);
      }
      facts_.flags_hold_cell = op.offset == 0;
      return i;
    case OpKind::kSet:
      if (pinned) {
        emit_.set(*pinned, low_byte(op.arg));
      } else {
        set_in_memory(op);
      }
      return i;
    case OpKind::kLoopBegin: {
      const Loop loop{emit_.new_label(), emit_.new_label()};
      region_loop_test(op.src, flags_hold_cell);
      emit_.jump_if_zero(loop.after);
      loops_.push_back(loop);
      emit_.bind(loop.body);
      return i;
    }
    case OpKind::kLoopEnd: {
      const Loop loop = loops_.back();
      loops_.pop_back();
      region_loop_test(op.src, flags_hold_cell);
      emit_.jump_if_nonzero(loop.body);
      emit_.bind(loop.after);
      facts_.at_zero_exit();
      return i;
    }
    case OpKind::kMulAdd:
      return mul_add_group(i, Copy::kMain);
    case OpKind::kProduct:
    case OpKind::kMove:
    case OpKind::kScan:
    case OpKind::kSeek:
    case OpKind::kOut:
    case OpKind::kIn:
      break;
  }
  throw std::logic_error("fixed region holds an op that moves p or calls out");
}

// A loop test in a fixed region: on cell[p]'s register when it is pinned, else in memory. p never
// moves in a fixed region, so its range check holds all through it.
void Lowerer::region_loop_test(uint32_t src, bool flags_hold_cell) {
  if (count_steps_) emit_.count_step(step_exit_);  // clobbers the flags
  if (count_steps_ || !flags_hold_cell) {
    if (const std::optional<CellRegister> pinned = facts_.registers.pinned_slot(0)) {
      emit_.test(*pinned);
    } else {
      access(0, src);
      emit_.test(0);
    }
  }
  facts_.at_join();
  facts_.cells.accessed(facts_.registers.pinned_front());
  facts_.cells.accessed(facts_.registers.pinned_back());
}

}  // namespace bf::jit
