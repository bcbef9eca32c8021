// Helpers the passes share (see pass_support.h).
#include "core/passes/pass_support.h"

#include "core/page_release.h"
#include "core/program.h"

namespace bf::passes {

void release_unused_capacity(std::vector<Op>& ops) {
  release_pages(ops.data() + ops.size(), ops.data() + ops.capacity());
}

bool certainly_accesses(const Op& op, int32_t offset) {
  switch (op.kind) {
    case OpKind::kAdd:
    case OpKind::kOut:
    case OpKind::kIn:
    case OpKind::kSet:
      return op.offset == offset;
    case OpKind::kLoopBegin:
    case OpKind::kLoopEnd:
    case OpKind::kScan:
    case OpKind::kSeek:
      return offset == 0;
    case OpKind::kMulAdd:
    case OpKind::kProduct:  // its second factor, like its target, only when the first is non-zero
      return op.from == offset;
    case OpKind::kMove:
      return false;
  }
  return false;
}

std::optional<int32_t> value_tested_last(const Op& op) {
  switch (op.kind) {
    case OpKind::kLoopEnd:
    case OpKind::kScan:
      return 0;
    case OpKind::kSeek:
      return op.from;
    case OpKind::kAdd:
    case OpKind::kMove:
    case OpKind::kOut:
    case OpKind::kIn:
    case OpKind::kLoopBegin:
    case OpKind::kSet:
    case OpKind::kMulAdd:
    case OpKind::kProduct:
      return std::nullopt;
  }
  return std::nullopt;
}

std::optional<int32_t> trip_factor(int64_t step) {
  const int32_t down = wrap_unsigned(-step);
  if (down % 2 == 0) return std::nullopt;
  // Odd numbers are their own inverse mod 8; each Newton step doubles the correct low bits.
  uint32_t inverse = static_cast<uint32_t>(down);
  for (int i = 0; i < 3; ++i) inverse *= 2 - static_cast<uint32_t>(down) * inverse;
  return wrap_signed(inverse);
}

std::vector<bool> loops_keeping_p(const Program& program) {
  std::vector<bool> keeps(program.ops.size(), false);
  struct Open {
    size_t begin;
    int64_t moved = 0;
    bool keeps = true;
  };
  std::vector<Open> open;
  for (size_t i = 0; i < program.ops.size(); ++i) {
    const Op& op = program.ops[i];
    if (op.kind == OpKind::kLoopBegin) {
      open.push_back({.begin = i});
    } else if (open.empty()) {
      continue;
    } else if (op.kind == OpKind::kMove) {
      open.back().moved += op.arg;
    } else if (op.kind == OpKind::kScan || op.kind == OpKind::kSeek) {
      open.back().keeps = false;
    } else if (op.kind == OpKind::kLoopEnd) {
      const Open loop = open.back();
      open.pop_back();
      keeps[loop.begin] = loop.keeps && loop.moved == 0;
      if (!keeps[loop.begin] && !open.empty()) open.back().keeps = false;
    }
  }
  return keeps;
}

bool offset_fits(int64_t value) { return value >= -kMaxOffset && value <= kMaxOffset; }

}  // namespace bf::passes
