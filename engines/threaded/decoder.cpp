// Decoder: turns the optimized ops into the instruction stream, fusing runs no jump enters.
#include "engines/threaded/decoder.h"

#include <algorithm>
#include <cstddef>
#include <stdexcept>
#include <utility>

#include "core/page_release.h"

namespace bf::threaded {

namespace {

bool is_write(OpKind kind) { return kind == OpKind::kAdd || kind == OpKind::kSet; }

// The three forms of an instruction that may take over the loop test after it.
struct Variants {
  Handler plain;
  Handler ends;    // ... then a kLoopEnd
  Handler begins;  // ... then a kLoopBegin
};

constexpr Variants kAddVariants{Handler::kAdd, Handler::kAddEnd, Handler::kAddBegin};
constexpr Variants kSetVariants{Handler::kSet, Handler::kSetEnd, Handler::kSetBegin};
constexpr Variants kWritesVariants{Handler::kWrites, Handler::kWritesEnd, Handler::kWritesBegin};
constexpr Variants kWrites2Variants{Handler::kWrites2, Handler::kWrites2End,
                                   Handler::kWrites2Begin};
constexpr Variants kMulAddSetVariants{Handler::kMulAddSet, Handler::kMulAddSetEnd,
                                      Handler::kMulAddSetBegin};
constexpr Variants kMulAdd1SetVariants{Handler::kMulAdd1Set, Handler::kMulAdd1SetEnd,
                                       Handler::kMulAdd1SetBegin};
// ... and when the one-target multiply is a loop's whole body, the loop itself.
constexpr Variants kMulAdd1SetWholeLoop{Handler::kMulAdd1Set, Handler::kMulAdd1SetLoop,
                                        Handler::kMulAdd1SetBegin};

// Jump targets are always the op right after a kLoopBegin or kLoopEnd. A fused run therefore
// never swallows a target as long as only its first op may follow a loop op -- which holds for
// every run below: they continue only over adds, sets, multiplies and moves, and a loop test
// that ends a run follows one of those.
class Decoder {
 public:
  // With `consume`, the ops already decoded are released as the decoder goes (release_pages):
  // the caller gives the program up, so the stream never sits beside the whole of it.
  Decoder(const Program& program, const DecodeOptions& options, bool consume)
      : ops_(program.ops), options_(options), consume_(consume) {
    // A stream has at most two slots per op (a fused run's instruction and one slot per op) and
    // the halt. Reserved once, it never doubles and copies; the pages never written stay free.
    const size_t most_slots = 2 * ops_.size() + 1;
    out_.code.reserve(most_slots);
    out_.handlers.reserve(most_slots);
    out_.sources.reserve(most_slots);
  }

  DecodedProgram run() {
    size_t i = 0;
    ConsumedPrefix consumed(ops_.data());
    while (i < ops_.size()) {
      i = decode_at(i);
      // decode_at() reads the op before its own, never one further back.
      if (consume_) consumed.done_before(ops_.data() + i - 1);
    }
    targets_.push_back({static_cast<uint32_t>(ops_.size()), slot_count()});
    emit(Handler::kHalt, Inst{}, Sources{});
    resolve_jumps();
    return std::move(out_);
  }

 private:
  // The loop test an instruction takes over after its own work: a kLoopEnd or kLoopBegin, maybe
  // after a kMove.
  struct Test {
    enum Kind : uint8_t { kNone, kEnd, kBegin };
    Kind kind = kNone;
    int32_t move = 0;
    size_t op = 0;  // the kLoopEnd or kLoopBegin
  };

  // Decodes the op at `i` and whatever fuses with it; returns the index of the next op.
  size_t decode_at(size_t i) {
    const Op& op = ops_[i];
    if (i > 0 && is_loop_test(ops_[i - 1].kind)) {
      targets_.push_back({static_cast<uint32_t>(i), slot_count()});
    }
    switch (op.kind) {
      case OpKind::kAdd:
      case OpKind::kSet:
        if (const size_t next = decode_block_loop(i)) return next;
        return decode_writes(i);
      case OpKind::kMove:
        return decode_move(i);
      case OpKind::kOut:
        emit(Handler::kOut, Inst{.offset = op.offset}, Sources{.src = op.src});
        return i + 1;
      case OpKind::kIn:
        emit(Handler::kIn, Inst{.offset = op.offset}, Sources{.src = op.src});
        return i + 1;
      case OpKind::kLoopEnd:
        if (!options_.count_steps && i > 0 &&
            (ops_[i - 1].kind == OpKind::kLoopEnd || ops_[i - 1].kind == OpKind::kScan)) {
          return i + 1;  // always falls through: see DecodeOptions::count_steps
        }
        return decode_test(i, 0);
      case OpKind::kLoopBegin:
      case OpKind::kScan:
      case OpKind::kSeek:
        return decode_test(i, 0);
      case OpKind::kMulAdd:
        if (const size_t next = decode_block_loop(i)) return next;
        return decode_multiply(i);
      case OpKind::kProduct:
        emit(Handler::kProduct,
             Inst{.offset = op.offset, .arg = product_factor(op), .from = op.from,
                  .move = product_second(op)},
             Sources{.src = op.src, .src2 = op.src2});
        return i + 1;
    }
    throw std::logic_error("threaded decoder: unknown op kind");
  }

  // A move goes into the loop test or scan that follows it, if one does.
  size_t decode_move(size_t i) {
    const size_t next = i + 1;
    if (next < ops_.size()) {
      const OpKind kind = ops_[next].kind;
      if (kind == OpKind::kLoopBegin || kind == OpKind::kLoopEnd || kind == OpKind::kScan ||
          kind == OpKind::kSeek) {
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
        jumps_.push_back({slot_count(), static_cast<uint32_t>(op.arg) + 1});
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
      case OpKind::kSeek:
        emit(Handler::kSeek,
             Inst{.arg = op.arg, .value = static_cast<uint8_t>(op.from), .move = move},
             Sources{.src = op.src, .src2 = op.src2});
        break;
      case OpKind::kAdd:
      case OpKind::kMove:
      case OpKind::kOut:
      case OpKind::kIn:
      case OpKind::kSet:
      case OpKind::kMulAdd:
      case OpKind::kProduct:
        throw std::logic_error("threaded decoder: not a loop test or scan");
    }
    return i + 1;
  }

  // A run of adds and sets: one kAdd/kSet, or kWrites with a slot per op.
  size_t decode_writes(size_t i) {
    size_t end = i;
    while (end < ops_.size() && is_write(ops_[end].kind)) ++end;
    const Test test = test_at(end);
    if (end - i == 1) {
      const Op& op = ops_[i];
      emit_with_test(op.kind == OpKind::kAdd ? kAddVariants : kSetVariants,
                     Inst{.offset = op.offset, .arg = op.arg}, Sources{.src = op.src}, test);
    } else {
      emit_with_test(end - i == 2 ? kWrites2Variants : kWritesVariants,
                     Inst{.arg = static_cast<int32_t>(end - i)}, Sources{}, test);
      for (size_t k = i; k < end; ++k) emit_slot(slot_for(ops_[k]), Sources{.src = ops_[k].src});
    }
    return after(end, test);
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
    if (!sets && targets == 1) {
      emit(Handler::kMulAdd1, Inst{.offset = first.offset, .arg = first.arg, .from = first.from},
           Sources{.src = first.src, .src2 = first.src2});
      return end;
    }
    if (!sets) {
      emit(Handler::kMulAdd, Inst{.arg = static_cast<int32_t>(targets), .from = first.from},
           Sources{.src2 = first.src2});
      emit_targets(i, end);
      return end;
    }
    const auto value = static_cast<uint8_t>(ops_[end].arg);
    const Test test = test_at(end + 1);
    if (targets == 1) {
      const Inst inst{.offset = first.offset, .arg = first.arg, .from = first.from, .value = value};
      const Sources sources{.src = first.src, .src2 = first.src2};
      const bool whole_loop = test.kind == Test::kEnd && closes_itself(i, test);
      emit_with_test(whole_loop ? kMulAdd1SetWholeLoop : kMulAdd1SetVariants, inst, sources, test);
    } else {
      emit_with_test(kMulAddSetVariants,
                     Inst{.arg = static_cast<int32_t>(targets), .from = first.from, .value = value},
                     Sources{.src2 = first.src2}, test);
      emit_targets(i, end);
    }
    return after(end + 1, test);
  }

  void emit_targets(size_t begin, size_t end) {
    for (size_t k = begin; k < end; ++k) {
      emit_slot(slot_for(ops_[k]), Sources{.src = ops_[k].src, .src2 = ops_[k].src2});
    }
  }

  // A loop whose whole body is the adds, sets and multiplies from `i` on (and a move): one
  // kBlockLoop. Returns the op after the loop, or 0 when the ops at `i` are not such a body or
  // are the one-multiply body kMulAdd1SetLoop runs faster.
  size_t decode_block_loop(size_t i) {
    size_t end = i;
    while (end < ops_.size() && (is_write(ops_[end].kind) || ops_[end].kind == OpKind::kMulAdd)) {
      ++end;
    }
    const Test test = test_at(end);
    if (test.kind != Test::kEnd || !closes_itself(i, test)) return 0;
    const bool one_multiply = end - i == 2 && ops_[i].kind == OpKind::kMulAdd &&
                              ops_[i + 1].kind == OpKind::kSet &&
                              ops_[i + 1].offset == ops_[i].from;
    if (one_multiply) return 0;
    int32_t low = test.move;
    int32_t high = test.move;
    for (size_t k = i; k < end; ++k) {
      const Inst slot = slot_for(ops_[k]);
      low = std::min({low, slot.offset, slot.from});
      high = std::max({high, slot.offset, slot.from});
    }
    const bool two_adds = end - i == 2 && ops_[i].kind == OpKind::kAdd &&
                          ops_[i + 1].kind == OpKind::kAdd;
    emit(end - i == 1 ? Handler::kBlockLoop1
         : two_adds   ? Handler::kAddLoop2
                      : Handler::kBlockLoop,
         Inst{.offset = low, .arg = static_cast<int32_t>(end - i), .from = high,
              .move = test.move},
         Sources{.test_src = ops_[test.op].src});
    for (size_t k = i; k < end; ++k) {
      emit_slot(slot_for(ops_[k]), Sources{.src = ops_[k].src, .src2 = ops_[k].src2});
    }
    return test.op + 1;
  }

  // The slot an add, set or multiply becomes: cell[p+offset] = (cell & keep) + value +
  // cell[p+from] * arg, where a write reads its own cell with factor 0.
  static Inst slot_for(const Op& op) {
    switch (op.kind) {
      case OpKind::kAdd:
        return Inst{.offset = op.offset, .from = op.offset,
                    .value = static_cast<uint8_t>(op.arg), .keep = 0xff};
      case OpKind::kSet:
        return Inst{.offset = op.offset, .from = op.offset,
                    .value = static_cast<uint8_t>(op.arg), .keep = 0};
      case OpKind::kMulAdd:
        return Inst{.offset = op.offset, .arg = static_cast<uint8_t>(op.arg), .from = op.from,
                    .keep = 0xff, .multiplies = true};
      case OpKind::kMove:
      case OpKind::kOut:
      case OpKind::kIn:
      case OpKind::kLoopBegin:
      case OpKind::kLoopEnd:
      case OpKind::kScan:
      case OpKind::kSeek:
      case OpKind::kProduct:
        break;
    }
    throw std::logic_error("threaded decoder: not an add, set or multiply");
  }

  // The loop test (maybe after a kMove) at `i`, if there is one.
  Test test_at(size_t i) const {
    int32_t move = 0;
    if (i + 1 < ops_.size() && ops_[i].kind == OpKind::kMove) move = ops_[i++].arg;
    if (i < ops_.size() && ops_[i].kind == OpKind::kLoopEnd) return {Test::kEnd, move, i};
    if (i < ops_.size() && ops_[i].kind == OpKind::kLoopBegin) return {Test::kBegin, move, i};
    return {};
  }

  // True when the loop that `test` closes starts at op `first`: an instruction decoded from
  // `first` up to that loop end is the loop's whole body.
  bool closes_itself(size_t first, const Test& test) const {
    return static_cast<size_t>(ops_[test.op].arg) + 1 == first;
  }

  static size_t after(size_t i, const Test& test) {
    return test.kind == Test::kNone ? i : test.op + 1;
  }

  // Emits the form of an instruction that `test` calls for; with a test, the instruction gets
  // its move, its jump (for a kLoopEnd back into the body, for a kLoopBegin past the loop) and
  // the bracket's source.
  void emit_with_test(const Variants& variants, Inst inst, Sources sources, const Test& test) {
    if (test.kind == Test::kNone) {
      emit(variants.plain, inst, sources);
      return;
    }
    const Op& bracket = ops_[test.op];
    inst.move = test.move;
    sources.test_src = bracket.src;
    jumps_.push_back({slot_count(), static_cast<uint32_t>(bracket.arg) + 1});
    emit(test.kind == Test::kEnd ? variants.ends : variants.begins, inst, sources);
  }

  uint32_t slot_count() const { return static_cast<uint32_t>(out_.code.size()); }

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
      const auto target = std::lower_bound(
          targets_.begin(), targets_.end(), target_op,
          [](const Target& entry, uint32_t op) { return entry.op < op; });
      if (target == targets_.end() || target->op != target_op) {
        throw std::logic_error("threaded decoder: a jump lands inside a fused instruction");
      }
      out_.code[from].jump = static_cast<int32_t>(static_cast<int64_t>(target->slot) -
                                                  static_cast<int64_t>(from));
    }
  }

  // 32 bits, as op indices and the stream's jumps are.
  struct Jump {
    uint32_t from;       // the instruction that jumps
    uint32_t target_op;  // the op it lands on
  };
  // Where an op that a jump may land on starts in the stream. Jumps land only right after a loop
  // test, so these are recorded for the ops that follow one (and for the end), in op order; an
  // op fused into the middle of an instruction has none.
  struct Target {
    uint32_t op;
    uint32_t slot;
  };

  const std::vector<Op>& ops_;
  const DecodeOptions options_;
  const bool consume_;
  std::vector<Target> targets_;
  std::vector<Jump> jumps_;
  DecodedProgram out_;
};

}  // namespace

DecodedProgram decode(const Program& program, const DecodeOptions& options) {
  return Decoder(program, options, false).run();
}

DecodedProgram decode_consuming(Program program, const DecodeOptions& options) {
  return Decoder(program, options, true).run();
}

}  // namespace bf::threaded
