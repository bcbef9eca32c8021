// set-add-merge (O3): folds Add/Set pairs of one cell within a basic block (both orders).
#include "core/passes/set_add_merge.h"

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

#include "core/passes/pass_support.h"

namespace bf::passes {

namespace {

class BlockMerger {
 public:
  explicit BlockMerger(InPlaceOutput& out) : out_(out) {}

  void add(const Op& op) {
    if (const size_t* at = pending(op.offset)) {
      Op& into = out_[*at];
      into.arg = into.kind == OpKind::kSet ? wrap_unsigned(int64_t{into.arg} + op.arg)
                                           : wrap_signed(int64_t{into.arg} + op.arg);
      return;
    }
    emit(op);
    absorb_into_last(op.offset);
  }

  void set(const Op& op) {
    if (const size_t* at = pending(op.offset)) {
      Op& into = out_[*at];
      into.kind = OpKind::kSet;
      into.arg = wrap_unsigned(op.arg);
      return;
    }
    emit(op);
    absorb_into_last(op.offset);
  }

  // An op that reads a cell (its counter, for a muladd) or writes it in a way that does not fold.
  void barrier(const Op& op) {
    forget_pending(op.offset);
    if (op.kind == OpKind::kMulAdd || op.kind == OpKind::kProduct) forget_pending(op.from);
    if (op.kind == OpKind::kProduct) forget_pending(product_second(op));
    emit(op);
  }

  // A move, loop or scan: nothing carries over except that a loop test or scan accessed cell[p].
  void boundary(const Op& op) {
    pending_.clear();
    accessed_.clear();
    out_.push_back(op);
    prior_access_.push_back(false);
    if (op.kind != OpKind::kMove) accessed_.push_back(0);
  }

  // Drops the adds that net 0 on a cell accessed before them.
  void finish() {
    size_t kept = 0;
    for (size_t i = 0; i < out_.size(); ++i) {
      const bool redundant = out_[i].kind == OpKind::kAdd && out_[i].arg == 0 && prior_access_[i];
      if (!redundant) out_[kept++] = out_[i];
    }
    out_.truncate(kept);
    out_.finish();
  }

 private:
  void emit(const Op& op) {
    prior_access_.push_back(std::find(accessed_.begin(), accessed_.end(), op.offset) !=
                            accessed_.end());
    out_.push_back(op);
    if (certainly_accesses(op, op.offset)) note_access(op.offset);
    if (op.kind == OpKind::kMulAdd || op.kind == OpKind::kProduct) note_access(op.from);
  }

  // Blocks touch few cells, so flat lists beat hashing; past kMaxCells a list forgets (merging
  // less is always safe) so that a huge block stays linear.
  static constexpr size_t kMaxCells = 64;

  const size_t* pending(int32_t cell) const {
    for (const auto& [pending_cell, at] : pending_) {
      if (pending_cell == cell) return &at;
    }
    return nullptr;
  }
  void absorb_into_last(int32_t cell) {
    if (pending_.size() >= kMaxCells) pending_.clear();
    pending_.emplace_back(cell, out_.size() - 1);
  }
  void forget_pending(int32_t cell) {
    std::erase_if(pending_, [cell](const auto& entry) { return entry.first == cell; });
  }
  void note_access(int32_t cell) {
    if (std::find(accessed_.begin(), accessed_.end(), cell) != accessed_.end()) return;
    if (accessed_.size() >= kMaxCells) accessed_.clear();
    accessed_.push_back(cell);
  }

  InPlaceOutput& out_;
  std::vector<bool> prior_access_;                      // parallel to out_
  std::vector<std::pair<int32_t, size_t>> pending_;     // cell, the out_ op absorbing its writes
  std::vector<int32_t> accessed_;                       // cells certainly accessed in this block
};

}  // namespace

Program set_add_merge(Program program) {
  // In place: the merger writes at most one op per op read, and only merges into ops it wrote.
  InPlaceOutput out(program.ops);
  BlockMerger merger(out);
  for (size_t i = 0; i < program.ops.size(); ++i) {
    const Op op = program.ops[i];  // a copy: the output may overwrite ops[i]
    switch (op.kind) {
      case OpKind::kAdd:
        merger.add(op);
        break;
      case OpKind::kSet:
        merger.set(op);
        break;
      case OpKind::kOut:
      case OpKind::kIn:
      case OpKind::kMulAdd:
      case OpKind::kProduct:
        merger.barrier(op);
        break;
      case OpKind::kMove:
      case OpKind::kLoopBegin:
      case OpKind::kLoopEnd:
      case OpKind::kScan:
      case OpKind::kSeek:
        merger.boundary(op);
        break;
    }
  }
  merger.finish();
  link_loops(program);
  return program;
}

}  // namespace bf::passes
