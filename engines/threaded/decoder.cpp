// Decoder: turns the optimized ops into the instruction stream, fusing runs no jump enters.
#include "engines/threaded/decoder.h"

#include <cstddef>
#include <limits>
#include <stdexcept>

namespace bf::threaded {

namespace {

constexpr size_t kInsideFusedRun = std::numeric_limits<size_t>::max();

class Decoder {
 public:
  explicit Decoder(const Program& program)
      : ops_(program.ops), start_of_op_(ops_.size() + 1, kInsideFusedRun) {}

  DecodedProgram run() {
    size_t i = 0;
    while (i < ops_.size()) i = decode_at(i);
    start_of_op_[ops_.size()] = out_.code.size();
    emit(Handler::kHalt, Inst{});
    resolve_jumps();
    return std::move(out_);
  }

 private:
  // Decodes the op at `i` (and whatever it fuses with); returns the index of the next op.
  size_t decode_at(size_t i) {
    const Op& op = ops_[i];
    start_of_op_[i] = out_.code.size();
    switch (op.kind) {
      case OpKind::kAdd:
        emit(Handler::kAdd, Inst{.offset = op.offset, .arg = op.arg, .src = op.src});
        return i + 1;
      case OpKind::kSet:
        emit(Handler::kSet, Inst{.offset = op.offset, .arg = op.arg, .src = op.src});
        return i + 1;
      case OpKind::kMove:
        if (i + 1 < ops_.size() && ops_[i + 1].kind == OpKind::kLoopEnd) {
          const Op& end = ops_[i + 1];
          emit_jump(Handler::kMoveLoopEnd, Inst{.arg = op.arg, .src = end.src}, end.arg + 1);
          return i + 2;
        }
        emit(Handler::kMove, Inst{.arg = op.arg});
        return i + 1;
      case OpKind::kOut:
        emit(Handler::kOut, Inst{.offset = op.offset, .src = op.src});
        return i + 1;
      case OpKind::kIn:
        emit(Handler::kIn, Inst{.offset = op.offset, .src = op.src});
        return i + 1;
      case OpKind::kLoopBegin:
        emit_jump(Handler::kLoopBegin, Inst{.src = op.src}, op.arg + 1);
        return i + 1;
      case OpKind::kLoopEnd:
        emit_jump(Handler::kLoopEnd, Inst{.src = op.src}, op.arg + 1);
        return i + 1;
      case OpKind::kScan: {
        const Handler handler = op.arg == 1    ? Handler::kScanRight
                                : op.arg == -1 ? Handler::kScanLeft
                                               : Handler::kScan;
        emit(handler, Inst{.arg = op.arg, .src = op.src, .src2 = op.src2});
        return i + 1;
      }
      case OpKind::kMulAdd:
        return decode_multiply(i);
    }
    throw std::logic_error("threaded decoder: unknown op kind");
  }

  // A run of kMulAdds reading the same counter (a multiply loop after the optimizer), optionally
  // followed by the Set 0 of that counter. Only the first counter read can fall off the tape: the
  // later ones read the same cell, and no target is the counter, so its value stays put too.
  size_t decode_multiply(size_t i) {
    const Op& first = ops_[i];
    size_t end = i;
    while (end < ops_.size() && ops_[end].kind == OpKind::kMulAdd && ops_[end].from == first.from) {
      ++end;
    }
    const bool clears = end < ops_.size() && ops_[end].kind == OpKind::kSet &&
                        ops_[end].offset == first.from && static_cast<uint8_t>(ops_[end].arg) == 0;
    const size_t count = end - i;
    if (count == 1 && !clears) {
      emit(Handler::kMulAdd, Inst{.offset = first.offset, .arg = first.arg, .from = first.from,
                                  .src = first.src, .src2 = first.src2});
      return end;
    }
    emit(clears ? Handler::kMulAddGroupClear : Handler::kMulAddGroup,
         Inst{.arg = static_cast<int32_t>(count), .from = first.from, .src2 = first.src2});
    for (size_t k = i; k < end; ++k) {
      out_.code.push_back(Inst{.offset = ops_[k].offset, .arg = ops_[k].arg, .src = ops_[k].src});
      out_.handlers.push_back(std::nullopt);
    }
    return clears ? end + 1 : end;
  }

  void emit(Handler handler, const Inst& inst) {
    out_.code.push_back(inst);
    out_.handlers.push_back(handler);
  }

  void emit_jump(Handler handler, const Inst& inst, int32_t target_op) {
    jumps_.push_back({out_.code.size(), static_cast<size_t>(target_op)});
    emit(handler, inst);
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
