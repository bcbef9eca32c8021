// fold-runs (O1): run-length folding and cancelling of `+-` and `<>`.
#include "core/passes/fold_runs.h"

#include <limits>

#include "core/passes/pass_support.h"

namespace bf::passes {

namespace {

bool fits_int32(int64_t value) {
  return value >= std::numeric_limits<int32_t>::min() && value <= std::numeric_limits<int32_t>::max();
}

void append_move(std::vector<Op>& ops, const Op& move) {
  if (!ops.empty() && ops.back().kind == OpKind::kMove) {
    const int64_t sum = int64_t{ops.back().arg} + move.arg;
    // A sum past int32 (a source of gigabytes of `>`) just starts a new move.
    if (fits_int32(sum)) {
      ops.back().arg = static_cast<int32_t>(sum);
      if (sum == 0) ops.pop_back();
      return;
    }
  }
  if (move.arg != 0) ops.push_back(move);
}

void append_add(std::vector<Op>& ops, const Op& add) {
  if (!ops.empty() && ops.back().kind == OpKind::kAdd && ops.back().offset == add.offset) {
    ops.back().arg = wrap_signed(int64_t{ops.back().arg} + add.arg);
  } else {
    ops.push_back(add);
    ops.back().arg = wrap_signed(add.arg);
  }
  const Op& last = ops.back();
  if (last.arg == 0 && ops.size() >= 2 && certainly_accesses(ops[ops.size() - 2], last.offset)) {
    ops.pop_back();
  }
}

}  // namespace

void append_folded(std::vector<Op>& ops, const Op& op) {
  switch (op.kind) {
    case OpKind::kMove:
      append_move(ops, op);
      break;
    case OpKind::kAdd:
      append_add(ops, op);
      break;
    case OpKind::kOut:
    case OpKind::kIn:
    case OpKind::kLoopBegin:
    case OpKind::kLoopEnd:
    case OpKind::kSet:
    case OpKind::kScan:
    case OpKind::kMulAdd:
    case OpKind::kSeek:
    case OpKind::kProduct:
      ops.push_back(op);
      break;
  }
}

Program fold_runs(const Program& program) {
  Program out;
  out.ops.reserve(program.ops.size());  // only the pages used become resident
  for (const Op& op : program.ops) append_folded(out.ops, op);
  link_loops(out);
  return out;
}

}  // namespace bf::passes
