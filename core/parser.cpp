#include "core/parser.h"

#include <vector>

namespace bf {

namespace {

Op command_op(char c, uint32_t byte) {
  Op op;
  op.src = byte;
  switch (c) {
    case '+': op.kind = OpKind::kAdd, op.arg = 1; break;
    case '-': op.kind = OpKind::kAdd, op.arg = -1; break;
    case '>': op.kind = OpKind::kMove, op.arg = 1; break;
    case '<': op.kind = OpKind::kMove, op.arg = -1; break;
    case '.': op.kind = OpKind::kOut; break;
    case ',': op.kind = OpKind::kIn; break;
    case '[': op.kind = OpKind::kLoopBegin; break;
    case ']': op.kind = OpKind::kLoopEnd; break;
  }
  return op;
}

bool is_command(char c) {
  switch (c) {
    case '+': case '-': case '>': case '<': case '.': case ',': case '[': case ']': return true;
    default: return false;
  }
}

}  // namespace

Program parse(const Source& source) {
  const std::string_view bytes = source.bytes();
  Program program;
  std::vector<int32_t> open;  // indices of the loop begins not yet closed: the parser's only stack
  for (uint32_t i = 0; i < bytes.size(); ++i) {
    const char c = bytes[i];
    if (!is_command(c)) continue;
    Op op = command_op(c, i);
    const auto index = static_cast<int32_t>(program.ops.size());
    if (op.kind == OpKind::kLoopBegin) {
      open.push_back(index);
    } else if (op.kind == OpKind::kLoopEnd) {
      if (open.empty()) throw ParseError{i, "unmatched ']'"};
      op.arg = open.back();
      program.ops[open.back()].arg = index;
      open.pop_back();
    }
    program.ops.push_back(op);
  }
  if (!open.empty()) {
    throw ParseError{program.ops[open.back()].src, "unmatched '['"};
  }
  return program;
}

}  // namespace bf
