// multiply-loops (O3): multiply/copy loops -> MulAdd per target, then Set counter 0.
#include "core/passes/multiply_loops.h"

#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

#include "core/passes/pass_support.h"

namespace bf::passes {

namespace {

struct Target {
  int32_t offset;  // relative to p at the loop's '['
  int64_t total;   // amount added per iteration
  uint32_t src;    // the first access's command
};

// The body of the loop opening at ops[begin] as per-cell totals in order of first access, or
// nothing when the body is not a balanced block of adds and moves. The counter (offset 0) is one
// of the entries.
std::optional<std::vector<Target>> analyse(const std::vector<Op>& ops, size_t begin) {
  std::vector<Target> cells;
  std::unordered_map<int64_t, size_t> index;  // cell -> its entry in `cells`
  int64_t pointer = 0;
  for (size_t i = begin + 1;; ++i) {
    const Op& op = ops[i];
    switch (op.kind) {
      case OpKind::kAdd: {
        const int64_t cell = pointer + op.offset;
        if (!offset_fits(cell)) return std::nullopt;
        const auto [slot, fresh] = index.try_emplace(cell, cells.size());
        if (fresh) {
          cells.push_back(Target{static_cast<int32_t>(cell), op.arg, op.src});
        } else {
          cells[slot->second].total += op.arg;
        }
        break;
      }
      case OpKind::kMove:
        pointer += op.arg;
        break;
      case OpKind::kLoopEnd:
        if (pointer != 0) return std::nullopt;
        return cells;
      case OpKind::kOut:
      case OpKind::kIn:
      case OpKind::kLoopBegin:
      case OpKind::kSet:
      case OpKind::kScan:
      case OpKind::kMulAdd:
      case OpKind::kSeek:
      case OpKind::kProduct:
        return std::nullopt;
    }
  }
}

// Appends the loop's replacement to `out`, or returns false when it is not a multiply loop. The
// replacement (a kMulAdd per target and a kSet) is shorter than the loop, and is written only once
// the loop has been read.
bool rewrite(const std::vector<Op>& ops, size_t begin, InPlaceOutput& out) {
  const std::optional<std::vector<Target>> cells = analyse(ops, begin);
  if (!cells) return false;
  const uint32_t bracket_src = ops[begin].src;
  int64_t step = 0;
  for (const Target& cell : *cells) {
    if (cell.offset == 0) step = cell.total;
  }
  const std::optional<int32_t> factor = trip_factor(step);
  if (!factor) return false;
  for (const Target& cell : *cells) {
    if (cell.offset == 0) continue;
    out.push_back(Op{.kind = OpKind::kMulAdd,
                     .arg = wrap_signed(*factor * cell.total),
                     .offset = cell.offset,
                     .from = 0,
                     .src = cell.src,
                     .src2 = bracket_src});
  }
  out.push_back(Op{.kind = OpKind::kSet, .arg = 0, .offset = 0, .src = bracket_src});
  return true;
}

}  // namespace

Program multiply_loops(Program program) {
  const std::vector<Op>& ops = program.ops;
  InPlaceOutput out(program.ops);
  for (size_t i = 0; i < ops.size(); ++i) {
    const size_t end = static_cast<size_t>(ops[i].arg);  // a kLoopBegin's end, read before rewrite
    if (ops[i].kind == OpKind::kLoopBegin && rewrite(ops, i, out)) {
      i = end;  // continue after the loop's end
    } else {
      out.push_back(ops[i]);
    }
  }
  out.finish();
  link_loops(program);
  return program;
}

}  // namespace bf::passes
