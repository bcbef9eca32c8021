// collapse-loops (O3): counted loops of constant adds and resets run their body once.
#include "core/passes/collapse_loops.h"

#include <cstdint>
#include <optional>
#include <unordered_map>

#include "core/passes/pass_support.h"

namespace bf::passes {

namespace {

// What the body does to one cell, gathered in one walk.
struct CellUse {
  int64_t total = 0;              // sum of its adds
  int64_t after_set = 0;          // its value after its last kSet and the adds that follow
  bool set = false;               // some kSet writes it
  bool read = false;              // some kMulAdd reads it
  bool muladd_after_set = false;  // a kMulAdd adds into it after its last kSet so far
  bool muladd_target = false;
  bool emitted = false;           // rewrite: its muladd is out already
};

using Uses = std::unordered_map<int32_t, CellUse>;

// A kMulAdd of the body, with whether its counter was written earlier in the body.
struct BodyMulAdd {
  int32_t from;
  int32_t offset;
  bool from_written_before;
};

// The body's per-cell uses when the loop opening at ops[begin] has a collapsible shape, else none.
std::optional<Uses> analyse(const std::vector<Op>& ops, size_t begin) {
  Uses uses;
  std::vector<BodyMulAdd> muladds;
  for (size_t i = begin + 1;; ++i) {
    const Op& op = ops[i];
    switch (op.kind) {
      case OpKind::kAdd: {
        CellUse& use = uses[op.offset];
        use.total += op.arg;
        use.after_set += op.arg;
        break;
      }
      case OpKind::kSet: {
        CellUse& use = uses[op.offset];
        use.set = true;
        use.after_set = op.arg;
        use.muladd_after_set = false;
        break;
      }
      case OpKind::kMulAdd: {
        const auto source = uses.find(op.from);
        muladds.push_back({op.from, op.offset, source != uses.end()});
        uses[op.from].read = true;
        // Conservatively, even a muladd that only acts on the first turn counts here.
        uses[op.offset].muladd_after_set = true;
        break;
      }
      case OpKind::kLoopEnd:
        // A muladd whose counter is a reset cell that ends every turn at 0, unwritten before it in
        // the body, adds 0 on every turn after the first: it writes its target once, like the
        // body run once does. Every other muladd makes its target depend on the turn.
        for (const BodyMulAdd& muladd : muladds) {
          const CellUse& source = uses[muladd.from];
          const bool first_turn_only = muladd.offset != 0 && !muladd.from_written_before &&
                                       source.set && !source.muladd_after_set &&
                                       wrap_unsigned(source.after_set) == 0;
          if (first_turn_only) continue;
          CellUse& target = uses[muladd.offset];
          target.muladd_target = true;
        }
        return uses;
      case OpKind::kMove:
      case OpKind::kOut:
      case OpKind::kIn:
      case OpKind::kLoopBegin:
      case OpKind::kScan:
      case OpKind::kSeek:
      case OpKind::kProduct:
        return std::nullopt;
    }
  }
}

bool collapsible(const Uses& uses) {
  const auto counter = uses.find(0);
  if (counter == uses.end()) return false;
  const CellUse& c = counter->second;
  if (c.set || c.read || c.muladd_target) return false;
  if (!trip_factor(c.total)) return false;
  for (const auto& [offset, use] : uses) {
    if (offset == 0) continue;
    const bool linear = !use.set && !use.muladd_target;
    if (linear && use.read) return false;
    if (!linear && (!use.set || use.muladd_after_set)) return false;
  }
  return true;
}

// In place: the loop's own ops are read before any is overwritten (analyse), and the rewrite writes
// no more ops than it reads -- it drops the counter's adds (at least one: its step is odd) and adds
// one kSet -- so each write lands at or before the op being read.
bool rewrite(const std::vector<Op>& ops, size_t begin, InPlaceOutput& out) {
  std::optional<Uses> uses = analyse(ops, begin);
  if (!uses || !collapsible(*uses)) return false;
  const int32_t factor = *trip_factor((*uses)[0].total);
  const Op loop = ops[begin];  // a copy: the body's ops may overwrite ops[begin]
  out.push_back(loop);
  size_t i = begin + 1;
  for (; ops[i].kind != OpKind::kLoopEnd; ++i) {
    const Op op = ops[i];
    if (op.kind != OpKind::kAdd) {
      out.push_back(op);
      continue;
    }
    if (op.offset == 0) continue;
    CellUse& use = (*uses)[op.offset];
    if (use.set) {  // a reset cell keeps its adds
      out.push_back(op);
    } else if (!use.emitted) {
      out.push_back(Op{.kind = OpKind::kMulAdd,
                       .arg = wrap_signed(factor * use.total),
                       .offset = op.offset,
                       .from = 0,
                       .src = op.src,
                       .src2 = loop.src});
      use.emitted = true;
    }
  }
  const Op end = ops[i];
  out.push_back(Op{.kind = OpKind::kSet, .arg = 0, .offset = 0, .src = loop.src});
  out.push_back(end);
  return true;
}

}  // namespace

Program collapse_loops(Program program) {
  const std::vector<Op>& ops = program.ops;
  InPlaceOutput out(program.ops);
  for (size_t i = 0; i < ops.size(); ++i) {
    const Op op = ops[i];  // a copy: the output may overwrite ops[i]
    if (op.kind == OpKind::kLoopBegin && rewrite(ops, i, out)) {
      i = static_cast<size_t>(op.arg);  // the matching end, as linked in the input
    } else {
      out.push_back(op);
    }
  }
  out.finish();
  link_loops(program);
  return program;
}

}  // namespace bf::passes
