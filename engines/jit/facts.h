// Facts: everything the lowering knows at one point of the generated code, in one value --
// which cells near p are on the tape, which hold a known value, which are in cell registers, and
// whether the flags describe cell[p] -- with the few ways that knowledge changes where control
// flow or a call hides what happened. The lowering changes its Facts only through these.
#pragma once

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "engines/jit/cell_registers.h"
#include "engines/jit/known_cells.h"
#include "engines/jit/known_values.h"

namespace bf::jit {

struct Facts {
  explicit Facts(int64_t guard_bytes) : cells(guard_bytes) {}

  KnownCells cells;         // offsets from p certainly on the tape
  KnownValues values;       // cells whose value is known
  CellRegisters registers;  // cells held in r8..r11 (write-through), or a fixed region's
  bool flags_hold_cell = false;  // the flags are those of an add to cell[p], just emitted

  // p moved by `distance`; every cell keeps what is known about it.
  void move(int32_t distance) {
    cells.move(distance);
    values.move(distance);
    registers.move(distance);
  }

  // A runtime call happened (output, input, a scan helper): it may clobber r8..r11.
  void after_call() { registers.clear(); }

  // Paths join here: the code after a loop test (or one decided at compile time) is also reached
  // from the loop's other test, a scan's from its back edge. Only p itself is known to be on the
  // tape (it was just tested), and no register holds a cell -- but `carried`, which both of a
  // loop's tests load cell[p] into.
  void at_join(std::optional<CellRegister> carried = std::nullopt) {
    cells.reset();
    registers.clear();
    if (carried) registers.hold(*carried, 0);
  }

  // The start of a loop body, which is also reached from the loop's end: no known values.
  void at_loop_body() { values.clear(); }

  // Where a loop or scan has just ended: p is on a zero cell, the only fact that holds where
  // paths join. (Inside a fixed region values are not tracked: its registers are the truth.)
  void at_zero_exit() { at_exit_on(0); }
  // ... or where a seek has ended: p is on a cell holding the value it sought.
  void at_exit_on(uint8_t value) {
    values.clear();
    if (!registers.pinned()) values.set(0, value);
    registers.clear();
  }

  // The start of a copy of code reached only from a point whose tape knowledge was `known`, with
  // nothing else known (a fixed region's plain copy, out of line).
  void at_plain_copy(const KnownCells& known) {
    cells = known;
    values.clear();
    registers.clear();
    flags_hold_cell = false;
  }

  // The start of a peeled loop's loop proper: reached from the end of an iteration, which has
  // touched [lo, hi] and left `left` in cells (peeled_loops.h).
  void at_peeled_loop(int32_t lo, int32_t hi,
                      const std::vector<std::pair<int32_t, uint8_t>>& left) {
    registers.clear();
    cells.reset();
    cells.accessed(lo);
    cells.accessed(hi);
    values.clear();
    for (const auto& [offset, value] : left) values.set(offset, value);
    flags_hold_cell = false;
  }
};

// Code that may be skipped at run time (a MulAdd group's targets when its counter is zero):
// what its accesses taught about the tape does not hold after it.
template <typename Emit>
void may_be_skipped(Facts& facts, Emit emit) {
  const KnownCells before = facts.cells;
  emit();
  facts.cells = before;
}

}  // namespace bf::jit
