#include "engines/naive/naive_engine.h"

#include <cstdint>

namespace bf::naive {

namespace {

// Every access goes through one bounds check that turns a stray index into the trap result.
class Interpreter {
 public:
  Interpreter(const Program& program, Tape& tape, RunState& state)
      : ops_(program.ops), cells_(tape.begin()), size_(static_cast<int64_t>(tape.size())),
        state_(state) {}

  template <bool kCountSteps>
  RunResult run() {
    for (size_t pc = 0; pc < ops_.size(); ++pc) {
      const Op& op = ops_[pc];
      if constexpr (kCountSteps) {
        if (is_loop_test(op.kind) && state_.budget.fetch_sub(1, std::memory_order_relaxed) <= 0) {
          return RunResult{state_.timed_out ? RunStatus::kTimeLimit : RunStatus::kStepLimit};
        }
      }
      switch (op.kind) {
        case OpKind::kAdd:
          if (!reach(op.offset, op.src)) return trap_;
          at(op.offset) = static_cast<uint8_t>(at(op.offset) + op.arg);
          break;
        case OpKind::kMove:
          p_ += op.arg;
          break;
        case OpKind::kOut:
          if (!reach(op.offset, op.src)) return trap_;
          state_.put(at(op.offset));
          break;
        case OpKind::kIn:
          if (!reach(op.offset, op.src)) return trap_;
          at(op.offset) = state_.read(at(op.offset));
          break;
        case OpKind::kLoopBegin:
          if (!reach(0, op.src)) return trap_;
          if (at(0) == 0) pc = static_cast<size_t>(op.arg);
          break;
        case OpKind::kLoopEnd:
          if (!reach(0, op.src)) return trap_;
          if (at(0) != 0) pc = static_cast<size_t>(op.arg);
          break;
        case OpKind::kSet:
          if (!reach(op.offset, op.src)) return trap_;
          at(op.offset) = static_cast<uint8_t>(op.arg);
          break;
        case OpKind::kScan:
          if (!reach(0, op.src)) return trap_;
          while (at(0) != 0) {
            p_ += op.arg;
            if (!reach(0, op.src2)) return trap_;
          }
          break;
        case OpKind::kMulAdd:
          if (!reach(op.from, op.src2)) return trap_;
          if (at(op.from) != 0) {
            if (!reach(op.offset, op.src)) return trap_;
            at(op.offset) = static_cast<uint8_t>(at(op.offset) + at(op.from) * op.arg);
          }
          break;
      }
    }
    return RunResult{};
  }

 private:
  // True when cell p+offset exists; otherwise records the trap for the command at `src`.
  bool reach(int32_t offset, uint32_t src) {
    const int64_t cell = p_ + offset;
    if (cell >= 0 && cell < size_) return true;
    trap_ = tape_trap(cell, src);
    return false;
  }
  uint8_t& at(int32_t offset) { return cells_[p_ + offset]; }

  const std::vector<Op>& ops_;
  uint8_t* cells_;
  int64_t size_;
  RunState& state_;
  int64_t p_ = 0;
  RunResult trap_;
};

class NaiveExecutable final : public Executable {
 public:
  NaiveExecutable(Program program, bool count_steps)
      : program_(std::move(program)), count_steps_(count_steps) {}

  RunResult run(Tape& tape, RunState& state) override {
    Interpreter interpreter(program_, tape, state);
    return count_steps_ ? interpreter.run<true>() : interpreter.run<false>();
  }

 private:
  Program program_;
  bool count_steps_;
};

class NaiveEngine final : public Engine {
 public:
  std::unique_ptr<Executable> compile(const Program& program,
                                      const CompileOptions& options) const override {
    return std::make_unique<NaiveExecutable>(program, options.count_steps);
  }
};

}  // namespace

EngineInfo engine_info() {
  return EngineInfo{"naive", "switch loop over the ops; the reference every engine is checked against",
                    true, "", [] { return std::make_unique<NaiveEngine>(); }};
}

}  // namespace bf::naive
