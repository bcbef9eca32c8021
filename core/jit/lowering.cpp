#include "core/jit/lowering.h"

#include <utility>

#include "core/jit/guard_tracker.h"
#include "core/runtime/tape.h"

namespace bf::jit {

namespace {

// Only the low byte of an amount or factor matters: cells wrap mod 256.
uint8_t low_byte(int32_t value) { return static_cast<uint8_t>(value); }

class Lowering {
 public:
  Lowering(const Program& program, const CompileOptions& options, Emitter& emitter)
      : ops_(program.ops),
        count_steps_(options.count_steps),
        emit_(emitter),
        guards_(static_cast<int64_t>(Tape::guard_bytes())) {}

  CodeLayout run() {
    layout_.op_offsets.resize(ops_.size());
    layout_.accesses.reserve(ops_.size() + 1);
    epilogue_ = emit_.new_label();
    if (count_steps_) step_exit_ = emit_.new_label();

    emit_.prologue();
    for (size_t i = 0; i < ops_.size(); ++i) i = lower_op(i);
    emit_.set_exit_code(kExitFinished);
    emit_.bind(epilogue_);
    emit_.epilogue();
    emit_exit_stubs();
    return std::move(layout_);
  }

 private:
  struct Loop {
    Label body;
    Label after;
  };
  struct CheckStub {
    Label fail;
    uint32_t site;
  };

  // Lowers ops_[i] (and, for a MulAdd group, the ops after it); returns the last index consumed.
  size_t lower_op(size_t i) {
    const Op& op = ops_[i];
    layout_.op_offsets[i] = emit_.offset();
    // Flags describe cell[p] only right after `add byte [rbx], n`; anything else emitted spoils it.
    const bool flags_hold_cell = flags_hold_cell_;
    flags_hold_cell_ = false;
    switch (op.kind) {
      case OpKind::kAdd:
        access(op.offset, op.src);
        emit_.add(op.offset, low_byte(op.arg));
        flags_hold_cell_ = op.offset == 0;
        return i;
      case OpKind::kSet:
        access(op.offset, op.src);
        emit_.set(op.offset, low_byte(op.arg));
        return i;
      case OpKind::kMove:
        emit_.move(op.arg);
        guards_.move(op.arg);
        return i;
      case OpKind::kOut:
        access(op.offset, op.src);
        emit_.output(op.offset);
        return i;
      case OpKind::kIn:
        access(op.offset, op.src);
        emit_.input(op.offset);
        return i;
      case OpKind::kLoopBegin: {
        const Loop loop{emit_.new_label(), emit_.new_label()};
        loops_.push_back(loop);
        loop_test(op.src, flags_hold_cell);
        emit_.jump_if_zero(loop.after);
        emit_.bind(loop.body);
        return i;
      }
      case OpKind::kLoopEnd: {
        const Loop loop = loops_.back();
        loops_.pop_back();
        loop_test(op.src, flags_hold_cell);
        emit_.jump_if_nonzero(loop.body);
        emit_.bind(loop.after);
        return i;
      }
      case OpKind::kScan:
        scan(op, flags_hold_cell);
        return i;
      case OpKind::kMulAdd:
        return mul_add_group(i);
    }
    return i;
  }

  // Before an instruction that touches cell p + offset for the command at `src`: an explicit
  // check when the guards might not catch it, then the access-map mark.
  void access(int32_t offset, uint32_t src) {
    if (guards_.needs_check(offset)) {
      const CheckStub stub{emit_.new_label(), layout_.accesses.size()};
      emit_.check_bounds(offset, stub.fail);
      check_stubs_.push_back(stub);
      ++layout_.explicit_checks;
    }
    layout_.accesses.mark(emit_.offset(), src);
    guards_.accessed(offset);
  }

  // A `[` or `]` test of cell[p]: one step, then the compare (unless the flags already hold it).
  void loop_test(uint32_t src, bool flags_hold_cell) {
    if (count_steps_) emit_.count_step(step_exit_);  // clobbers the flags
    if (count_steps_ || !flags_hold_cell) {
      access(0, src);
      emit_.test_cell();
    }
    guards_.accessed(0);
  }

  // while cell[p] != 0: p += stride. The first test reports '[' (src), later ones ']' (src2).
  void scan(const Op& op, bool flags_hold_cell) {
    const Label done = emit_.new_label();
    if (!flags_hold_cell) {
      access(0, op.src);
      emit_.test_cell();
    }
    emit_.jump_if_zero(done);
    if (op.arg == 1 || op.arg == -1) {
      // The helper stops at the tape's end (or one before its begin); testing that cell again
      // faults in the guard exactly where the naive engine would report.
      emit_.scan_call(op.arg == 1);
      layout_.accesses.mark(emit_.offset(), op.src2);
      emit_.test_cell();
    } else {
      const Label again = emit_.new_label();
      emit_.bind(again);
      emit_.move(op.arg);
      guards_.move(op.arg);
      access(0, op.src2);
      emit_.test_cell();
      emit_.jump_if_nonzero(again);
    }
    emit_.bind(done);
    guards_.accessed(0);
  }

  // Consecutive MulAdds on the same counter read it once: a zero counter skips them all (their
  // targets are not touched), and no target of the group is the counter, so it cannot change.
  size_t mul_add_group(size_t first) {
    const int32_t from = ops_[first].from;
    size_t last = first;
    while (ops_[first].offset != from && last + 1 < ops_.size() && ops_[last + 1].kind == OpKind::kMulAdd &&
           ops_[last + 1].from == from && ops_[last + 1].offset != from) {
      ++last;
    }
    const Label skip = emit_.new_label();
    access(from, ops_[first].src2);
    emit_.load_counter(from);
    emit_.jump_if_zero(skip);
    for (size_t i = first; i <= last; ++i) {
      if (i != first) layout_.op_offsets[i] = emit_.offset();
      access(ops_[i].offset, ops_[i].src);
      emit_.mul_add(ops_[i].offset, low_byte(ops_[i].arg));
    }
    emit_.bind(skip);
    guards_.accessed(from);  // both paths read the counter; only one touched the targets
    return last;
  }

  void emit_exit_stubs() {
    if (count_steps_) {
      emit_.bind(step_exit_);
      emit_.set_exit_code(kExitStepLimit);
      emit_.jump(epilogue_);
    }
    layout_.trap_exit_offset = emit_.offset();
    emit_.set_exit_code(kExitFault);
    emit_.jump(epilogue_);
    for (const CheckStub& stub : check_stubs_) {
      emit_.bind(stub.fail);
      emit_.set_checked_exit(stub.site);
      emit_.jump(epilogue_);
    }
  }

  const std::vector<Op>& ops_;
  const bool count_steps_;
  Emitter& emit_;
  GuardTracker guards_;
  CodeLayout layout_;
  std::vector<Loop> loops_;
  std::vector<CheckStub> check_stubs_;
  Label epilogue_ = 0;
  Label step_exit_ = 0;
  bool flags_hold_cell_ = false;
};

}  // namespace

CodeLayout lower(const Program& program, const CompileOptions& options, Emitter& emitter) {
  return Lowering(program, options, emitter).run();
}

}  // namespace bf::jit
