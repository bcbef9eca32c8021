// dead-loops (O2): removes loops whose tested cell is known to be 0.
#include "core/passes/dead_loops.h"

#include <cstdint>
#include <set>

#include "core/passes/pass_support.h"

namespace bf::passes {

namespace {

// Cells known to hold 0 and to lie on the tape, as positions relative to where the current basic
// block started (so a kMove only changes `pointer`).
class KnownZeros {
 public:
  // p stopped on a cell holding `value` (see value_tested_last), by a distance not known here.
  void stopped_on(int32_t value) {
    forget_all();
    set(0, value == 0);
  }
  void forget_all() {
    cells_.clear();
    pointer_ = 0;
  }
  void move(int32_t distance) { pointer_ += distance; }
  void set(int32_t offset, bool zero) {
    if (zero) {
      cells_.insert(pointer_ + offset);
    } else {
      cells_.erase(pointer_ + offset);
    }
  }
  bool zero(int32_t offset) const { return cells_.count(pointer_ + offset) != 0; }

 private:
  std::set<int64_t> cells_;
  int64_t pointer_ = 0;
};

}  // namespace

Program dead_loops(Program program) {
  const std::vector<Op>& ops = program.ops;
  InPlaceOutput out(program.ops);
  KnownZeros known;
  known.stopped_on(kStartValue);  // program start: p = 0 on a zeroed tape
  for (size_t i = 0; i < ops.size(); ++i) {
    const Op op = ops[i];  // a copy: the output may overwrite ops[i]
    switch (op.kind) {
      case OpKind::kLoopBegin:
        if (known.zero(0)) {
          i = static_cast<size_t>(op.arg);  // skip to the matching end; nothing changes
          continue;
        }
        known.forget_all();
        break;
      case OpKind::kLoopEnd:
      case OpKind::kScan:
      case OpKind::kSeek:
        known.stopped_on(*value_tested_last(op));
        break;
      case OpKind::kMove:
        known.move(op.arg);
        break;
      case OpKind::kAdd:
        if (wrap_unsigned(op.arg) != 0) known.set(op.offset, false);
        break;
      case OpKind::kSet:
        known.set(op.offset, wrap_unsigned(op.arg) == 0);
        break;
      case OpKind::kIn:
        known.set(op.offset, false);
        break;
      case OpKind::kMulAdd:
      case OpKind::kProduct:
        known.set(op.offset, false);
        break;
      case OpKind::kOut:
        break;
    }
    out.push_back(op);
  }
  out.finish();
  link_loops(program);
  return program;
}

}  // namespace bf::passes
