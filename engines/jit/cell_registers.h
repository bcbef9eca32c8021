// CellRegisters: which cells near p a straight stretch of code keeps in r8..r11 (outside fixed
// regions, which use them for their own cells) -- so a cell read twice is loaded once.
#pragma once

#include <array>
#include <cstdint>
#include <optional>

#include "engines/jit/code_shape.h"

namespace bf::jit {

// Write-through: every change to a held cell is stored at once, so memory is always up to date
// and forgetting a register costs nothing -- which the lowering does where paths join (loop
// tests, scans), around calls (Out, In, a stride-1 scan's helper) and fixed regions. A held cell
// was accessed, so it is on the tape: KnownCells covers it.
class CellRegisters {
 public:
  void clear() {
    for (Slot& slot : slots_) slot = Slot{};
  }
  // p moved by `distance`; the registers keep their cells.
  void move(int32_t distance) { origin_ += distance; }

  std::optional<CellRegister> slot_of(int32_t offset) {
    for (int slot = 0; slot < kCellRegisters; ++slot) {
      if (slots_[slot].used && slots_[slot].position == origin_ + offset) {
        slots_[slot].last_use = ++clock_;
        return CellRegister{slot};
      }
    }
    return std::nullopt;
  }
  // A register for the cell at `offset` (the one used longest ago if none is free).
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
  // `slot` holds the cell at `offset` (from code emitted elsewhere, e.g. a loop test).
  void hold(CellRegister reg, int32_t offset) {
    slots_[reg.slot] = Slot{true, origin_ + offset, ++clock_};
  }
  void forget(int32_t offset) {
    for (Slot& slot : slots_) {
      if (slot.used && slot.position == origin_ + offset) slot = Slot{};
    }
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
};

}  // namespace bf::jit
