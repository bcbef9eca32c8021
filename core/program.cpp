#include "core/program.h"

#include <cstdlib>

namespace bf {

std::string_view op_kind_name(OpKind kind) {
  switch (kind) {
    case OpKind::kAdd: return "add";
    case OpKind::kMove: return "move";
    case OpKind::kOut: return "out";
    case OpKind::kIn: return "in";
    case OpKind::kLoopBegin: return "loop";
    case OpKind::kLoopEnd: return "end";
    case OpKind::kSet: return "set";
    case OpKind::kScan: return "scan";
    case OpKind::kMulAdd: return "muladd";
    case OpKind::kSeek: return "seek";
    case OpKind::kProduct: return "product";
  }
  return "?";
}

void link_loops(Program& program) {
  std::vector<int32_t> open;
  for (size_t i = 0; i < program.ops.size(); ++i) {
    Op& op = program.ops[i];
    if (op.kind == OpKind::kLoopBegin) {
      open.push_back(static_cast<int32_t>(i));
    } else if (op.kind == OpKind::kLoopEnd && !open.empty()) {
      const int32_t begin = open.back();
      open.pop_back();
      op.arg = begin;
      program.ops[begin].arg = static_cast<int32_t>(i);
    }
  }
}

namespace {

std::string at(size_t index, const std::string& what) {
  return "op " + std::to_string(index) + ": " + what;
}

bool offset_in_range(int32_t offset) { return std::abs(static_cast<int64_t>(offset)) <= kMaxOffset; }

}  // namespace

std::string verify(const Program& program) {
  const auto& ops = program.ops;
  std::vector<size_t> open;
  for (size_t i = 0; i < ops.size(); ++i) {
    const Op& op = ops[i];
    if (!offset_in_range(op.offset) || !offset_in_range(op.from)) {
      return at(i, "offset beyond +-" + std::to_string(kMaxOffset));
    }
    switch (op.kind) {
      case OpKind::kAdd:
      case OpKind::kOut:
      case OpKind::kIn:
      case OpKind::kSet:
        break;
      case OpKind::kMove:
        if (op.arg == 0) return at(i, "move by 0");
        break;
      case OpKind::kScan:
        if (op.arg == 0) return at(i, "scan with stride 0");
        if (op.offset != 0) return at(i, "scan must test cell[p]");
        break;
      case OpKind::kMulAdd:
        if (op.offset == op.from) return at(i, "muladd target equals its counter");
        break;
      case OpKind::kProduct:
        if (!offset_in_range(product_second(op))) {
          return at(i, "offset beyond +-" + std::to_string(kMaxOffset));
        }
        if (op.offset == op.from || op.offset == product_second(op)) {
          return at(i, "product target equals one of its factors");
        }
        break;
      case OpKind::kSeek:
        if (op.arg == 0) return at(i, "seek with stride 0");
        if (op.offset != 0) return at(i, "seek must test cell[p]");
        if (op.from < 1 || op.from > 255) return at(i, "seek for a value outside 1..255");
        break;
      case OpKind::kLoopBegin:
        if (op.offset != 0) return at(i, "loop must test cell[p]");
        open.push_back(i);
        break;
      case OpKind::kLoopEnd: {
        if (op.offset != 0) return at(i, "loop end must test cell[p]");
        if (open.empty()) return at(i, "loop end without a begin");
        const size_t begin = open.back();
        open.pop_back();
        if (op.arg != static_cast<int32_t>(begin) || ops[begin].arg != static_cast<int32_t>(i)) {
          return at(i, "loop not linked to its begin at op " + std::to_string(begin));
        }
        break;
      }
    }
  }
  if (!open.empty()) return at(open.back(), "loop begin without an end");
  return {};
}

}  // namespace bf
