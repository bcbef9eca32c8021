// Decoder: turns the optimized ops into the instruction stream, fusing runs no jump enters.
#include "engines/threaded/decoder.h"

#include <cstddef>
#include <limits>
#include <stdexcept>

namespace bf::threaded {

namespace {

constexpr size_t kInsideFusedRun = std::numeric_limits<size_t>::max();

bool is_write(OpKind kind) { return kind == OpKind::kAdd || kind == OpKind::kSet; }

// Jump targets are always the op right after a kLoopBegin or kLoopEnd. A fused run therefore
// never swallows a target as long as only its first op may follow a loop op -- which holds for
// every run below: they continue only over adds, sets, multiplies and moves, and a loop test
// that ends a run follows one of those.
class Decoder {
 public:
  explicit Decoder(const Program& program)
      : ops_(program.ops), start_of_op_(ops_.size() + 1, kInsideFusedRun) {}

  DecodedProgram run() {
    size_t i = 0;
    while (i < ops_.size()) i = decode_at(i);
    start_of_op_[ops_.size()] = out_.code.size();
    emit(Handler::kHalt, Inst{}, Sources{});
    resolve_jumps();
    return std::move(out_);
  }

 private:
  // The loop end an *End instruction takes over: a kLoopEnd, maybe after a kMove.
  struct LoopEnd {
    bool found = false;
    int32_t move = 0;
    size_t end_op = 0;  // the kLoopEnd
  };

  // Decodes the op at `i` and whatever fuses with it; returns the index of the next op.
  size_t decode_at(size_t i) {
    const Op& op = ops_[i];
    start_of_op_[i] = out_.code.size();
    switch (op.kind) {
      case OpKind::kAdd:
      case OpKind::kSet:
        return decode_writes(i);
      case OpKind::kMove:
        return decode_move(i);
      case OpKind::kOut:
        emit(Handler::kOut, Inst{.offset = op.offset}, Sources{.src = op.src});
        return i + 1;
      case OpKind::kIn:
        emit(Handler::kIn, Inst{.offset = op.offset}, Sources{.src = op.src});
        return i + 1;
      case OpKind::kLoopBegin:
      case OpKind::kLoopEnd:
      case OpKind::kScan:
        return decode_test(i, 0);
      case OpKind::kMulAdd:
        return decode_multiply(i);
    }
    throw std::logic_error("threaded decoder: unknown op kind");
  }

  // A move goes into the loop test or scan that follows it, if one does.
  size_t decode_move(size_t i) {
    const size_t next = i + 1;
    if (next < ops_.size()) {
      const OpKind kind = ops_[next].kind;
      if (kind == OpKind::kLoopBegin || kind == OpKind::kLoopEnd || kind == OpKind::kScan) {
        return decode_test(next, ops_[i].arg);
      }
    }
    emit(Handler::kMove, Inst{.arg = ops_[i].arg}, Sources{});
    return next;
  }

  // A loop test or scan at `i`, first moving the pointer by `move`.
  size_t decode_test(size_t i, int32_t move) {
    const Op& op = ops_[i];
    switch (op.kind) {
      case OpKind::kLoopBegin:
      case OpKind::kLoopEnd:
        jumps_.push_back({out_.code.size(), static_cast<size_t>(op.arg) + 1});
        emit(op.kind == OpKind::kLoopBegin ? Handler::kLoopBegin : Handler::kLoopEnd,
             Inst{.move = move}, Sources{.src = op.src});
        break;
      case OpKind::kScan: {
        const Handler handler = op.arg == 1    ? Handler::kScanRight
                                : op.arg == -1 ? Handler::kScanLeft
                                               : Handler::kScan;
        emit(handler, Inst{.arg = op.arg, .move = move}, Sources{.src = op.src, .src2 = op.src2});
        break;
      }
      case OpKind::kAdd:
      case OpKind::kMove:
      case OpKind::kOut:
      case OpKind::kIn:
      case OpKind::kSet:
      case OpKind::kMulAdd:
        throw std::logic_error("threaded decoder: not a loop test or scan");
    }
    return i + 1;
  }

  // A run of adds and sets: one kAdd/kSet, or kWrites with a slot per op.
  size_t decode_writes(size_t i) {
    size_t end = i;
    while (end < ops_.size() && is_write(ops_[end].kind)) ++end;
    const LoopEnd loop_end = loop_end_at(end);
    if (end - i == 1) {
      const Op& op = ops_[i];
      const Handler handler = op.kind == OpKind::kAdd
                                  ? (loop_end.found ? Handler::kAddEnd : Handler::kAdd)
                                  : (loop_end.found ? Handler::kSetEnd : Handler::kSet);
      emit_closing(handler, Inst{.offset = op.offset, .arg = op.arg}, Sources{.src = op.src},
                   loop_end);
    } else {
      emit_closing(loop_end.found ? Handler::kWritesEnd : Handler::kWrites,
                   Inst{.arg = static_cast<int32_t>(end - i)}, Sources{}, loop_end);
      for (size_t k = i; k < end; ++k) {
        const Op& op = ops_[k];
        const int32_t keep = op.kind == OpKind::kAdd ? 0xff : 0;
        emit_slot(Inst{.offset = op.offset, .arg = op.arg, .from = keep}, Sources{.src = op.src});
      }
    }
    return after(end, loop_end);
  }

  // MulAdds reading one counter (a multiply loop after the optimizer) and, if it follows, a Set of
  // that counter. Only the first counter read can fall off the tape: the later ones read the same
  // cell, no target is the counter, and the Set writes it after all of them.
  size_t decode_multiply(size_t i) {
    const Op& first = ops_[i];
    size_t end = i;
    while (end < ops_.size() && ops_[end].kind == OpKind::kMulAdd && ops_[end].from == first.from) {
      ++end;
    }
    const size_t targets = end - i;
    const bool sets = end < ops_.size() && ops_[end].kind == OpKind::kSet &&
                      ops_[end].offset == first.from;
    if (!sets) {
      emit(Handler::kMulAdd, Inst{.arg = static_cast<int32_t>(targets), .from = first.from},
           Sources{.src2 = first.src2});
      emit_targets(i, end);
      return end;
    }
    const int32_t value = ops_[end].arg;
    const LoopEnd loop_end = loop_end_at(end + 1);
    if (targets == 1) {
      const bool whole_loop = loop_end.found && closes_itself(i, loop_end);
      emit_closing(whole_loop       ? Handler::kMulAdd1SetLoop
                   : loop_end.found ? Handler::kMulAdd1SetEnd
                                    : Handler::kMulAdd1Set,
                   Inst{.offset = first.offset, .arg = first.arg, .from = first.from,
                        .value = value},
                   Sources{.src = first.src, .src2 = first.src2}, loop_end);
    } else {
      emit_closing(loop_end.found ? Handler::kMulAddSetEnd : Handler::kMulAddSet,
                   Inst{.arg = static_cast<int32_t>(targets), .from = first.from, .value = value},
                   Sources{.src2 = first.src2}, loop_end);
      emit_targets(i, end);
    }
    return after(end + 1, loop_end);
  }

  void emit_targets(size_t begin, size_t end) {
    for (size_t k = begin; k < end; ++k) {
      emit_slot(Inst{.offset = ops_[k].offset, .arg = ops_[k].arg}, Sources{.src = ops_[k].src});
    }
  }

  // The kLoopEnd (maybe after a kMove) at `i`, if there is one.
  LoopEnd loop_end_at(size_t i) const {
    if (i < ops_.size() && ops_[i].kind == OpKind::kLoopEnd) return {true, 0, i};
    if (i + 1 < ops_.size() && ops_[i].kind == OpKind::kMove &&
        ops_[i + 1].kind == OpKind::kLoopEnd) {
      return {true, ops_[i].arg, i + 1};
    }
    return {};
  }

  // True when the loop that `loop_end` closes starts at op `first`: an instruction decoded from
  // `first` up to that loop end is the loop's whole body.
  bool closes_itself(size_t first, const LoopEnd& loop_end) const {
    return static_cast<size_t>(ops_[loop_end.end_op].arg) + 1 == first;
  }

  static size_t after(size_t i, const LoopEnd& loop_end) {
    return loop_end.found ? loop_end.end_op + 1 : i;
  }

  // Emits an instruction that may close a loop: with `loop_end` found, it gets its move, jump and
  // the ']' source.
  void emit_closing(Handler handler, Inst inst, Sources sources, const LoopEnd& loop_end) {
    if (loop_end.found) {
      const Op& end = ops_[loop_end.end_op];
      inst.move = loop_end.move;
      sources.end_src = end.src;
      jumps_.push_back({out_.code.size(), static_cast<size_t>(end.arg) + 1});
    }
    emit(handler, inst, sources);
  }

  void emit(Handler handler, const Inst& inst, const Sources& sources) {
    out_.code.push_back(inst);
    out_.handlers.push_back(handler);
    out_.sources.push_back(sources);
  }

  void emit_slot(const Inst& inst, const Sources& sources) {
    out_.code.push_back(inst);
    out_.handlers.push_back(std::nullopt);
    out_.sources.push_back(sources);
  }

  void resolve_jumps() {
    for (const auto& [from, target_op] : jumps_) {
      if (target_op >= start_of_op_.size() || start_of_op_[target_op] == kInsideFusedRun) {
        throw std::logic_error("threaded decoder: a jump lands inside a fused instruction");
      }
      out_.code[from].jump = static_cast<int32_t>(static_cast<int64_t>(start_of_op_[target_op]) -
                                                  static_cast<int64_t>(from));
    }
  }

  struct Jump {
    size_t from;       // the instruction that jumps
    size_t target_op;  // the op it lands on
  };

  const std::vector<Op>& ops_;
  std::vector<size_t> start_of_op_;  // op index -> its instruction (kInsideFusedRun if fused in)
  std::vector<Jump> jumps_;
  DecodedProgram out_;
};

}  // namespace

DecodedProgram decode(const Program& program) { return Decoder(program).run(); }

}  // namespace bf::threaded
