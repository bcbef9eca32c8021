// set-add-merge (O3): folds Add/Set pairs of one cell within a basic block (both orders).
#include "core/passes/set_add_merge.h"

#include <cstdint>
#include <unordered_map>
#include <unordered_set>

#include "core/passes/pass_support.h"

namespace bf::passes {

namespace {

class BlockMerger {
 public:
  explicit BlockMerger(std::vector<Op>& out) : out_(out) {}

  void add(const Op& op) {
    if (const auto it = pending_.find(op.offset); it != pending_.end()) {
      Op& into = out_[it->second];
      into.arg = into.kind == OpKind::kSet ? wrap_unsigned(int64_t{into.arg} + op.arg)
                                           : wrap_signed(int64_t{into.arg} + op.arg);
      return;
    }
    emit(op);
    pending_[op.offset] = out_.size() - 1;
  }

  void set(const Op& op) {
    if (const auto it = pending_.find(op.offset); it != pending_.end()) {
      Op& into = out_[it->second];
      into.kind = OpKind::kSet;
      into.arg = wrap_unsigned(op.arg);
      return;
    }
    emit(op);
    pending_[op.offset] = out_.size() - 1;
  }

  // An op that reads a cell (its counter, for a muladd) or writes it in a way that does not fold.
  void barrier(const Op& op) {
    pending_.erase(op.offset);
    if (op.kind == OpKind::kMulAdd) pending_.erase(op.from);
    emit(op);
  }

  // A move, loop or scan: nothing carries over except that a loop test or scan accessed cell[p].
  void boundary(const Op& op) {
    pending_.clear();
    accessed_.clear();
    out_.push_back(op);
    prior_access_.push_back(false);
    if (op.kind != OpKind::kMove) accessed_.insert(0);
  }

  // Drops the adds that net 0 on a cell accessed before them.
  void finish() {
    size_t kept = 0;
    for (size_t i = 0; i < out_.size(); ++i) {
      const bool redundant = out_[i].kind == OpKind::kAdd && out_[i].arg == 0 && prior_access_[i];
      if (!redundant) out_[kept++] = out_[i];
    }
    out_.resize(kept);
  }

 private:
  void emit(const Op& op) {
    prior_access_.push_back(accessed_.count(op.offset) != 0);
    out_.push_back(op);
    if (certainly_accesses(op, op.offset)) accessed_.insert(op.offset);
    if (op.kind == OpKind::kMulAdd) accessed_.insert(op.from);
  }

  std::vector<Op>& out_;
  std::vector<bool> prior_access_;                 // parallel to out_
  std::unordered_map<int32_t, size_t> pending_;    // cell -> the out_ op that absorbs its writes
  std::unordered_set<int32_t> accessed_;           // cells certainly accessed in this block
};

}  // namespace

Program set_add_merge(const Program& program) {
  Program out;
  out.ops.reserve(program.ops.size());
  BlockMerger merger(out.ops);
  for (const Op& op : program.ops) {
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
        merger.barrier(op);
        break;
      case OpKind::kMove:
      case OpKind::kLoopBegin:
      case OpKind::kLoopEnd:
      case OpKind::kScan:
        merger.boundary(op);
        break;
    }
  }
  merger.finish();
  link_loops(out);
  return out;
}

}  // namespace bf::passes
