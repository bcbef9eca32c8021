// Fixed regions: loop nests in which the tape pointer never moves, so the cells they use can live
// in registers for the whole nest -- which turns the memory round trip of every counter update and
// loop test (store, then load the same byte back) into register arithmetic.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/program.h"
#include "engines/jit/code_shape.h"

namespace bf::jit {

// A cell the region keeps pinned to a cell register (cell_registers.h) for its whole length.
struct PinnedCell {
  int32_t offset;  // from p, which does not move inside the region
  bool written;    // stored back when the region ends
};

// The ops [begin, end] of one loop (begin: its LoopBegin, end: its LoopEnd) with no Move, Scan,
// Out or In anywhere inside: p stays put and no runtime function is called, so caller-saved
// registers survive. `cells` are the most used cells, at most kCellRegisters.
struct FixedRegion {
  size_t begin = 0;
  size_t end = 0;
  std::vector<PinnedCell> cells;
};

// The outermost such loops that are worth it -- the loop counts (adds to its own cell) or holds
// another loop -- in op order. Loops inside a region are part of it.
std::vector<FixedRegion> find_fixed_regions(const Program& program);

}  // namespace bf::jit
