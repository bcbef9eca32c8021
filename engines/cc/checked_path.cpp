#include "engines/cc/checked_path.h"

namespace bf::cc {

namespace {

// The naive engine's semantics (engines do not share code, and this one starts mid-program, even
// mid-loop: a loop's end jumps back to its begin by index wherever the run started).
class CheckedRun {
 public:
  CheckedRun(CheckedContext& context, int64_t p) : c_(context), p_(p) {}

  // Runs ops [first, last); false when the run stopped (the reason is in the context).
  bool run(size_t first, size_t last) {
    for (size_t pc = first; pc < last; ++pc) {
      const Op& op = c_.ops[pc];
      if (is_loop_test(op.kind) && !step()) return stopped();
      switch (op.kind) {
        case OpKind::kAdd:
          if (!reach(op.offset, op.src)) return stopped();
          at(op.offset) = static_cast<uint8_t>(at(op.offset) + op.arg);
          break;
        case OpKind::kMove:
          p_ += op.arg;
          break;
        case OpKind::kOut:
          if (!reach(op.offset, op.src)) return stopped();
          c_.state.put(at(op.offset));
          break;
        case OpKind::kIn:
          if (!reach(op.offset, op.src)) return stopped();
          at(op.offset) = c_.state.read(at(op.offset));
          break;
        case OpKind::kLoopBegin:
          if (!reach(0, op.src)) return stopped();
          if (at(0) == 0) pc = static_cast<size_t>(op.arg);
          break;
        case OpKind::kLoopEnd:
          if (!reach(0, op.src)) return stopped();
          if (at(0) != 0) pc = static_cast<size_t>(op.arg);
          break;
        case OpKind::kSet:
          if (!reach(op.offset, op.src)) return stopped();
          at(op.offset) = static_cast<uint8_t>(op.arg);
          break;
        case OpKind::kScan:
          if (!reach(0, op.src)) return stopped();
          while (at(0) != 0) {
            p_ += op.arg;
            if (!reach(0, op.src2)) return stopped();
          }
          break;
        case OpKind::kMulAdd:
          if (!reach(op.from, op.src2)) return stopped();
          if (at(op.from) != 0) {
            if (!reach(op.offset, op.src)) return stopped();
            at(op.offset) = static_cast<uint8_t>(at(op.offset) + at(op.from) * op.arg);
          }
          break;
      }
    }
    return true;
  }

  int64_t p() const { return p_; }

 private:
  bool step() {
    if (!c_.count_steps || c_.state.budget.fetch_sub(1, std::memory_order_relaxed) > 0) return true;
    c_.stop = RunResult{c_.state.timed_out ? RunStatus::kTimeLimit : RunStatus::kStepLimit};
    return false;
  }
  bool reach(int32_t offset, uint32_t src) {
    const int64_t cell = p_ + offset;
    if (cell >= 0 && cell < c_.size) return true;
    c_.stop = tape_trap(cell, src);
    return false;
  }
  uint8_t& at(int32_t offset) { return c_.cells[p_ + offset]; }
  static bool stopped() { return false; }

  CheckedContext& c_;
  int64_t p_;
};

}  // namespace

extern "C" int bf_cc_run_checked(void* context, uint32_t first, int64_t p) {
  CheckedContext& c = *static_cast<CheckedContext*>(context);
  return CheckedRun(c, p).run(first, c.ops.size()) ? kFinished : kStopped;
}

extern "C" int64_t bf_cc_run_loop(void* context, uint32_t begin, int64_t p) {
  CheckedContext& c = *static_cast<CheckedContext*>(context);
  CheckedRun run(c, p);
  const auto end = static_cast<size_t>(c.ops[begin].arg);
  return run.run(begin, end + 1) ? run.p() : kStoppedRun;
}

}  // namespace bf::cc
