#include "core/reference_interpreter.h"

#include <optional>
#include <span>

namespace bf {

namespace {

// A kProduct, out of line and apart from the interpreter's state: inlined or as a member, it
// changed how the compiler laid out the dispatch loop, and the naive engine's instruction counts
// are the benchmarks' baseline (hanoi +3%). Returns the offset of the first cell it would access
// off the tape (its factors in order, then its target), having changed nothing; else none.
[[gnu::noinline, gnu::cold]] std::optional<int32_t> apply_product(uint8_t* cells, int64_t size,
                                                                  int64_t p, const Op& op) {
  const auto on_tape = [&](int32_t offset) { return p + offset >= 0 && p + offset < size; };
  if (!on_tape(op.from)) return op.from;
  const uint8_t first = cells[p + op.from];
  if (first == 0) return std::nullopt;
  const int32_t second_offset = product_second(op);
  if (!on_tape(second_offset)) return second_offset;
  const uint8_t second = cells[p + second_offset];
  if (second == 0) return std::nullopt;
  if (!on_tape(op.offset)) return op.offset;
  uint8_t& target = cells[p + op.offset];
  target = static_cast<uint8_t>(target + first * second * product_factor(op));
  return std::nullopt;
}

// Every access goes through one bounds check that turns a stray index into the trap result.
class Interpreter {
 public:
  Interpreter(const std::vector<Op>& ops, int64_t p, std::span<uint8_t> cells, RunState& state)
      : ops_(ops), cells_(cells.data()), size_(static_cast<int64_t>(cells.size())), state_(state),
        p_(p) {}

  // Runs from op `first` while pc < last(). With kProfile, counts_[pc] counts each op executed
  // (a separate instantiation: the engines' loops carry no counter).
  template <bool kCountSteps, typename Bound, bool kProfile = false>
  RunResult run(size_t first, Bound last) {
    for (size_t pc = first; pc < last(); ++pc) {
      const Op& op = ops_[pc];
      if constexpr (kProfile) ++counts_[pc];
      if constexpr (kCountSteps) {
        if (is_loop_test(op.kind) && state_.budget.fetch_sub(1, std::memory_order_relaxed) <= 0) {
          return RunResult{state_.timed_out ? RunStatus::kTimeLimit : RunStatus::kStepLimit};
        }
      }
      switch (op.kind) {
        case OpKind::kAdd:
          if (!reach(op.offset, op)) return trap_;
          at(op.offset) = static_cast<uint8_t>(at(op.offset) + op.arg);
          break;
        case OpKind::kMove:
          p_ += op.arg;
          break;
        case OpKind::kOut:
          if (!reach(op.offset, op)) return trap_;
          state_.put(at(op.offset));
          break;
        case OpKind::kIn:
          if (!reach(op.offset, op)) return trap_;
          at(op.offset) = state_.read(at(op.offset));
          break;
        case OpKind::kLoopBegin:
          if (!reach(0, op)) return trap_;
          if (at(0) == 0) pc = static_cast<size_t>(op.arg);
          break;
        case OpKind::kLoopEnd:
          if (!reach(0, op)) return trap_;
          if (at(0) != 0) pc = static_cast<size_t>(op.arg);
          break;
        case OpKind::kSet:
          if (!reach(op.offset, op)) return trap_;
          at(op.offset) = static_cast<uint8_t>(op.arg);
          break;
        case OpKind::kScan:
          if (!reach(0, op)) return trap_;
          while (at(0) != 0) {
            p_ += op.arg;
            if (!reach(0, op, kSecondAccess)) return trap_;
          }
          break;
        case OpKind::kSeek:
          if (!reach(0, op)) return trap_;
          while (at(0) != op.from) {
            p_ += op.arg;
            if (!reach(0, op, kSecondAccess)) return trap_;
          }
          break;
        case OpKind::kMulAdd:
          if (!reach(op.from, op, kSecondAccess)) return trap_;
          if (at(op.from) != 0) {
            if (!reach(op.offset, op)) return trap_;
            at(op.offset) = static_cast<uint8_t>(at(op.offset) + at(op.from) * op.arg);
          }
          break;
        [[unlikely]] case OpKind::kProduct:
          if (const std::optional<int32_t> off = apply_product(cells_, size_, p_, op)) {
            reach(*off, op, *off != op.offset);  // records the trap
            return trap_;
          }
          break;
      }
    }
    return RunResult{};
  }

  int64_t p() const { return p_; }
  void count_into(uint64_t* counts) { counts_ = counts; }

 private:
  // True when cell p+offset exists; otherwise records the trap for the command at `src`.
  // Which source byte a trap reports: op.src, or op.src2 (a scan's later tests, a multiply's
  // counter). Read only on the trap path: they are bit-fields, and extracting one before every
  // access costs the loop a third of its speed.
  static constexpr bool kSecondAccess = true;
  bool reach(int32_t offset, const Op& op, bool second_access = false) {
    const int64_t cell = p_ + offset;
    if (cell >= 0 && cell < size_) [[likely]] return true;
    trap_ = tape_trap(cell, second_access ? op.src2 : op.src);
    return false;
  }
  uint8_t& at(int32_t offset) { return cells_[p_ + offset]; }

  const std::vector<Op>& ops_;
  uint8_t* cells_;
  int64_t size_;
  RunState& state_;
  int64_t p_;
  RunResult trap_;
  uint64_t* counts_ = nullptr;  // kProfile only
};

}  // namespace

Profile profile(const std::vector<Op>& ops, Tape& tape, RunState& state) {
  Profile profile;
  profile.counts.assign(ops.size(), 0);
  Interpreter interpreter(ops, 0, {tape.begin(), tape.size()}, state);
  interpreter.count_into(profile.counts.data());
  const auto last = [&ops] { return ops.size(); };
  profile.result = interpreter.run<true, decltype(last), true>(0, last);
  return profile;
}

RunResult interpret(const std::vector<Op>& ops, Tape& tape, RunState& state, bool count_steps) {
  Interpreter interpreter(ops, 0, {tape.begin(), tape.size()}, state);
  // The bound is read from the vector at every op, as the naive engine always has: its
  // instruction counts are the benchmarks' baseline (reports/baseline), and a bound held in a
  // register would make it some 20% cheaper and shift every comparison with it.
  const auto last = [&ops] { return ops.size(); };
  return count_steps ? interpreter.run<true>(0, last) : interpreter.run<false>(0, last);
}

InterpreterEnd interpret(const std::vector<Op>& ops, size_t first, size_t last, int64_t p,
                         std::span<uint8_t> cells, RunState& state, bool count_steps) {
  Interpreter interpreter(ops, p, cells, state);
  const auto bound = [last] { return last; };
  const RunResult result = count_steps ? interpreter.run<true>(first, bound)
                                       : interpreter.run<false>(first, bound);
  return InterpreterEnd{result, interpreter.p()};
}

}  // namespace bf
