// The IR constructors and program() of ir_builder.h.
#include "tests/support/ir_builder.h"

#include <stdexcept>
#include <string>

namespace bf::testing::ir {

Op add(int32_t amount, int32_t offset, uint32_t src) {
  return Op{.kind = OpKind::kAdd, .arg = amount, .offset = offset, .src = src};
}
Op set(int32_t value, int32_t offset, uint32_t src) {
  return Op{.kind = OpKind::kSet, .arg = value, .offset = offset, .src = src};
}
Op move(int32_t distance, uint32_t src) {
  return Op{.kind = OpKind::kMove, .arg = distance, .src = src};
}
Op out(int32_t offset, uint32_t src) {
  return Op{.kind = OpKind::kOut, .offset = offset, .src = src};
}
Op in(int32_t offset, uint32_t src) {
  return Op{.kind = OpKind::kIn, .offset = offset, .src = src};
}
Op begin(uint32_t src) { return Op{.kind = OpKind::kLoopBegin, .src = src}; }
Op end(uint32_t src) { return Op{.kind = OpKind::kLoopEnd, .src = src}; }
Op scan(int32_t stride, uint32_t open, uint32_t close) {
  return Op{.kind = OpKind::kScan, .arg = stride, .src = open, .src2 = close};
}
Op mul_add(int32_t factor, int32_t offset, int32_t from, uint32_t src, uint32_t open) {
  return Op{.kind = OpKind::kMulAdd, .arg = factor, .offset = offset, .from = from, .src = src,
            .src2 = open};
}

Program program(std::vector<Op> ops) {
  Program result{std::move(ops)};
  link_loops(result);
  if (const std::string problem = verify(result); !problem.empty()) {
    throw std::invalid_argument("test IR is malformed: " + problem);
  }
  return result;
}

uint32_t numbered_src(size_t index) { return static_cast<uint32_t>(10 * index + 1); }
uint32_t numbered_src2(size_t index) { return static_cast<uint32_t>(10 * index + 2); }

Program numbered_program(std::vector<Op> ops) {
  for (size_t i = 0; i < ops.size(); ++i) {
    ops[i].src = numbered_src(i);
    ops[i].src2 = numbered_src2(i);
  }
  return program(std::move(ops));
}

}  // namespace bf::testing::ir
