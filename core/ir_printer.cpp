#include "core/ir_printer.h"

#include <algorithm>
#include <cstdio>

namespace bf {

namespace {

constexpr int kMaxIndentDepth = 32;

std::string cell(int32_t offset) {
  // Built by appending: GCC 12 warns falsely (-Wrestrict) about "literal" + std::string.
  std::string text = "p[";
  if (offset > 0) text += '+';
  text += std::to_string(offset);
  text += ']';
  return text;
}

std::string signed_number(int32_t value) {
  std::string text = value >= 0 ? "+" : "";
  text += std::to_string(value);
  return text;
}

}  // namespace

std::string describe_op(const Op& op) {
  const std::string name(op_kind_name(op.kind));
  switch (op.kind) {
    case OpKind::kAdd: return name + " " + cell(op.offset) + " += " + std::to_string(op.arg);
    case OpKind::kMove: return name + " p += " + std::to_string(op.arg);
    case OpKind::kOut: return name + " " + cell(op.offset);
    case OpKind::kIn: return name + " " + cell(op.offset);
    case OpKind::kLoopBegin: return name + " while p[0] -> " + std::to_string(op.arg);
    case OpKind::kLoopEnd: return name + " -> " + std::to_string(op.arg);
    case OpKind::kSet: return name + " " + cell(op.offset) + " = " + std::to_string(op.arg);
    case OpKind::kScan: return name + " p[0] != 0, p " + signed_number(op.arg);
    case OpKind::kMulAdd:
      return name + " " + cell(op.offset) + " += " + cell(op.from) + " * " +
             std::to_string(op.arg);
    case OpKind::kSeek:
      return name + " p[0] != " + std::to_string(op.from) + ", p " + signed_number(op.arg);
    case OpKind::kProduct:
      return name + " " + cell(op.offset) + " += " + cell(op.from) + " * " +
             cell(product_second(op)) + " * " + std::to_string(product_factor(op));
  }
  return name;
}

std::string print_ir(const Program& program) {
  std::string out;
  int depth = 0;
  for (size_t i = 0; i < program.ops.size(); ++i) {
    const Op& op = program.ops[i];
    if (op.kind == OpKind::kLoopEnd) --depth;
    // Indentation stops growing at kMaxIndentDepth: a program nested a million deep would
    // otherwise print terabytes of spaces.
    std::string text(static_cast<size_t>(2 * std::clamp(depth, 0, kMaxIndentDepth)), ' ');
    text += describe_op(op);
    std::string where = "@";
    where += std::to_string(op.src);
    if (op.kind == OpKind::kScan || op.kind == OpKind::kMulAdd || op.kind == OpKind::kSeek ||
        op.kind == OpKind::kProduct) {
      where += " @";
      where += std::to_string(op.src2);
    }
    char line[64];
    std::snprintf(line, sizeof line, "%-6zu", i);
    out += line;
    out += text;
    out += std::string(text.size() < 34 ? 34 - text.size() : 1, ' ');
    out += where;
    out += '\n';
    if (op.kind == OpKind::kLoopBegin) ++depth;
  }
  return out;
}

}  // namespace bf
