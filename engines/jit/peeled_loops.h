// Peeled loops: innermost loops without scans whose iterations leave facts for the next one -- a
// cell set to a value, a cell read -- that the next iteration can use (a target whose value is
// known is written without being read; one known to be on the tape needs no range check). The
// first iteration is emitted apart, so that the loop proper starts with those facts.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "core/program.h"

namespace bf::jit {

// The loop [begin, end] (its LoopBegin and LoopEnd) holds only Add, Set, Move, MulAdd, Out and
// In. Every iteration that reaches its LoopEnd test has touched the cells [lo, hi] and left
// `values` in cells (offsets from p at that test, so from p at the start of the next iteration),
// whatever the cells held before it -- facts about the body alone, true at the start of every
// iteration but the first. They make some op of the body cheaper than without them.
struct PeeledLoop {
  size_t begin = 0;
  size_t end = 0;
  int32_t lo = 0;
  int32_t hi = 0;
  std::vector<std::pair<int32_t, uint8_t>> values;  // (offset, value), by offset
};

// In op order; none contains another loop.
std::vector<PeeledLoop> find_peeled_loops(const Program& program);

}  // namespace bf::jit
