#include "core/parser.h"

#include <string>
#include <vector>

#include "core/passes/fold_runs.h"

namespace bf {

namespace {

// How many source bytes the parser reads between two Source::release_before() calls.
constexpr uint32_t kWindow = uint32_t{1} << 20;

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

size_t count_commands(const Source& source) {
  const std::string_view bytes = source.bytes();
  size_t commands = 0;
  for (uint32_t i = 0; i < bytes.size(); ++i) {
    commands += is_command(bytes[i]);
    if ((i + 1) % kWindow == 0) source.release_before(i + 1);
  }
  return commands;
}

}  // namespace

Program parse(const Source& source, const ParseOptions& options) {
  const std::string_view bytes = source.bytes();
  if (bytes.size() > kMaxSourceBytes) {
    throw ParseError{kMaxSourceBytes, "source of " + std::to_string(bytes.size()) +
                                          " bytes is longer than the limit of " +
                                          std::to_string(kMaxSourceBytes) + " bytes (256 MiB)"};
  }
  Program program;
  // At most one op per command; with folding fewer, and the reserved pages never written are not
  // resident.
  program.ops.reserve(count_commands(source));
  std::vector<int32_t> open;  // indices of the loop begins not yet closed: the parser's only stack
  for (uint32_t i = 0; i < bytes.size(); ++i) {
    if ((i + 1) % kWindow == 0) source.release_before(i + 1);
    const char c = bytes[i];
    if (!is_command(c)) continue;
    Op op = command_op(c, i);
    // Loop ops are never folded away, and folding only changes the ops after the last one, so an
    // index taken here stays the op's index.
    const auto index = static_cast<int32_t>(program.ops.size());
    if (op.kind == OpKind::kLoopBegin) {
      open.push_back(index);
    } else if (op.kind == OpKind::kLoopEnd) {
      if (open.empty()) throw ParseError{i, "unmatched ']'"};
      op.arg = open.back();
      program.ops[open.back()].arg = index;
      open.pop_back();
    }
    if (options.fold_runs) {
      passes::append_folded(program.ops, op);
    } else {
      program.ops.push_back(op);
    }
  }
  source.release_before(bytes.size());
  if (!open.empty()) {
    throw ParseError{program.ops[open.back()].src, "unmatched '['"};
  }
  return program;
}

}  // namespace bf
