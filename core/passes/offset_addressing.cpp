// offset-addressing (O3): defers pointer moves to block ends and gives each op an offset.
#include "core/passes/offset_addressing.h"

#include <cstdint>
#include <limits>

#include "core/passes/pass_support.h"

namespace bf::passes {

namespace {

class Deferrer {
 public:
  explicit Deferrer(InPlaceOutput& out) : out_(out) {}

  void move(const Op& op) {
    // Keep the pending distance an int32: flush first when the sum would not fit.
    const int64_t sum = pending_ + op.arg;
    if (sum < std::numeric_limits<int32_t>::min() || sum > std::numeric_limits<int32_t>::max()) {
      flush();
    }
    if (pending_ == 0) pending_src_ = op.src;
    pending_ += op.arg;
  }

  // An op that addresses cells: shift it by the pending distance, flushing first if it would
  // address beyond kMaxOffset.
  void access(Op op, bool has_counter) {
    if (!offset_fits(pending_ + op.offset) || (has_counter && !offset_fits(pending_ + op.from))) {
      flush();
    }
    op.offset += static_cast<int32_t>(pending_);
    if (has_counter) op.from += static_cast<int32_t>(pending_);
    out_.push_back(op);
  }

  // A kProduct: its second factor, packed into arg, shifts too.
  void access_product(Op op) {
    const int64_t second = product_second(op);
    if (!offset_fits(pending_ + op.offset) || !offset_fits(pending_ + op.from) ||
        !offset_fits(pending_ + second)) {
      flush();
    }
    op.arg = product_arg(static_cast<int32_t>(second + pending_), product_factor(op));
    op.offset += static_cast<int32_t>(pending_);
    op.from += static_cast<int32_t>(pending_);
    out_.push_back(op);
  }

  // An op that tests cell[p]: the pointer must be where O0 has it. (A copy: the flushed move may
  // be written over the op itself.)
  void boundary(Op op) {
    flush();
    out_.push_back(op);
  }

  void flush() {
    if (pending_ != 0) {
      out_.push_back(Op{.kind = OpKind::kMove, .arg = static_cast<int32_t>(pending_),
                        .src = pending_src_});
    }
    pending_ = 0;
  }

 private:
  InPlaceOutput& out_;
  int64_t pending_ = 0;
  uint32_t pending_src_ = 0;
};

}  // namespace

// In place: every move written is a flush of at least one move read and not yet written, so the
// output never gets ahead of the input.
Program offset_addressing(Program program) {
  InPlaceOutput out(program.ops);
  Deferrer deferrer(out);
  for (size_t i = 0; i < program.ops.size(); ++i) {
    const Op op = program.ops[i];  // a copy: the output may overwrite ops[i]
    switch (op.kind) {
      case OpKind::kMove:
        deferrer.move(op);
        break;
      case OpKind::kAdd:
      case OpKind::kOut:
      case OpKind::kIn:
      case OpKind::kSet:
        deferrer.access(op, false);
        break;
      case OpKind::kMulAdd:
        deferrer.access(op, true);
        break;
      case OpKind::kProduct:
        deferrer.access_product(op);
        break;
      case OpKind::kLoopBegin:
      case OpKind::kLoopEnd:
      case OpKind::kScan:
      case OpKind::kSeek:
        deferrer.boundary(op);
        break;
    }
  }
  // A move still pending here is the program's last act and changes nothing visible.
  out.finish();
  link_loops(program);
  return program;
}

}  // namespace bf::passes
