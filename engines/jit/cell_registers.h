// CellRegisters: which cells near p are in the cell registers r8..r11 (CellRegister, code_shape.h),
// in one of two ways:
//   held    a straight stretch of code keeps a cell it reads twice, written through: every change
//           is stored at once, so memory is always up to date and forgetting a register costs
//           nothing -- which the lowering does where paths join (loop tests, scans), around calls
//           (Out, In, a stride-1 scan's helper) and before fixed regions. A held cell was
//           accessed, so it is on the tape.
//   pinned  a fixed region (fixed_regions.h) keeps its chosen cells for the whole loop nest,
//           written back when the region ends; no call happens inside, and nothing else is held.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "engines/jit/code_shape.h"
#include "engines/jit/fixed_regions.h"

namespace bf::jit {

class CellRegisters {
 public:
  // Forgets the held cells (a fixed region's pinned cells stay).
  void clear() {
    for (Slot& slot : slots_) slot = Slot{};
  }
  // p moved by `distance`; the registers keep their cells.
  void move(int32_t distance) { origin_ += distance; }

  // The register holding cell p + offset, if it is held.
  std::optional<CellRegister> slot_of(int32_t offset) {
    for (int slot = 0; slot < kCellRegisters; ++slot) {
      if (slots_[slot].used && slots_[slot].position == origin_ + offset) {
        slots_[slot].last_use = ++clock_;
        return CellRegister{slot};
      }
    }
    return std::nullopt;
  }
  // A register to hold the cell at `offset` (the one used longest ago if none is free).
  CellRegister claim(int32_t offset) {
    int chosen = 0;
    for (int slot = 0; slot < kCellRegisters; ++slot) {
      if (!slots_[slot].used) {
        chosen = slot;
        break;
      }
      if (slots_[slot].last_use < slots_[chosen].last_use) chosen = slot;
    }
    slots_[chosen] = Slot{true, origin_ + offset, ++clock_};
    return CellRegister{chosen};
  }
  // `reg` holds the cell at `offset` (loaded by code emitted elsewhere, e.g. a loop test).
  void hold(CellRegister reg, int32_t offset) {
    slots_[reg.slot] = Slot{true, origin_ + offset, ++clock_};
  }
  void forget(int32_t offset) {
    for (Slot& slot : slots_) {
      if (slot.used && slot.position == origin_ + offset) slot = Slot{};
    }
  }

  // A fixed region's cells are pinned to registers 0.. in the order of region.cells until unpin().
  void pin(const FixedRegion& region) { pinned_ = &region.cells; }
  void unpin() { pinned_ = nullptr; }
  bool pinned() const { return pinned_ != nullptr; }
  // The leftmost and rightmost pinned cells (region.cells is sorted by offset).
  int32_t pinned_front() const { return pinned_->front().offset; }
  int32_t pinned_back() const { return pinned_->back().offset; }
  // The register a pinned cell p + offset lives in (p does not move in a fixed region).
  std::optional<CellRegister> pinned_slot(int32_t offset) const {
    if (pinned_ == nullptr) return std::nullopt;
    for (size_t slot = 0; slot < pinned_->size(); ++slot) {
      if ((*pinned_)[slot].offset == offset) return CellRegister{static_cast<int>(slot)};
    }
    return std::nullopt;
  }

 private:
  struct Slot {
    bool used = false;
    int64_t position = 0;  // origin_ + offset when claimed
    uint64_t last_use = 0;
  };
  std::array<Slot, kCellRegisters> slots_{};
  int64_t origin_ = 0;
  uint64_t clock_ = 0;
  const std::vector<PinnedCell>* pinned_ = nullptr;
};

}  // namespace bf::jit
