// Hand-built IR for the JIT suites: one helper per op kind, each taking the source byte it stands
// for, so trap positions are easy to read in a test.
#pragma once

#include <cstdint>
#include <vector>

#include "core/program.h"

namespace bf::testing::ir {

inline Op add(int32_t amount, int32_t offset, uint32_t src) {
  return Op{OpKind::kAdd, amount, offset, 0, src, 0};
}
inline Op set(int32_t value, int32_t offset, uint32_t src) {
  return Op{OpKind::kSet, value, offset, 0, src, 0};
}
inline Op move(int32_t distance, uint32_t src) { return Op{OpKind::kMove, distance, 0, 0, src, 0}; }
inline Op out(int32_t offset, uint32_t src) { return Op{OpKind::kOut, 0, offset, 0, src, 0}; }
inline Op in(int32_t offset, uint32_t src) { return Op{OpKind::kIn, 0, offset, 0, src, 0}; }
inline Op begin(uint32_t src) { return Op{OpKind::kLoopBegin, 0, 0, 0, src, 0}; }
inline Op end(uint32_t src) { return Op{OpKind::kLoopEnd, 0, 0, 0, src, 0}; }
// while cell[p] != 0: p += stride   (first test reports open, later ones close)
inline Op scan(int32_t stride, uint32_t open, uint32_t close) {
  return Op{OpKind::kScan, stride, 0, 0, open, close};
}
// if cell[p+from] != 0: cell[p+offset] += cell[p+from] * factor  (counter read reports open)
inline Op mul_add(int32_t factor, int32_t offset, int32_t from, uint32_t src, uint32_t open) {
  return Op{OpKind::kMulAdd, factor, offset, from, src, open};
}

// Links the loops; the program must pass verify() (engines may rely on its invariants).
Program program(std::vector<Op> ops);

}  // namespace bf::testing::ir
