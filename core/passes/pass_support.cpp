// Helpers the passes share (see pass_support.h).
#include "core/passes/pass_support.h"

#include "core/program.h"

namespace bf::passes {

bool certainly_accesses(const Op& op, int32_t offset) {
  switch (op.kind) {
    case OpKind::kAdd:
    case OpKind::kOut:
    case OpKind::kIn:
    case OpKind::kSet:
      return op.offset == offset;
    case OpKind::kLoopBegin:
    case OpKind::kLoopEnd:
    case OpKind::kScan:
      return offset == 0;
    case OpKind::kMulAdd:
      return op.from == offset;
    case OpKind::kMove:
      return false;
  }
  return false;
}

bool offset_fits(int64_t value) { return value >= -kMaxOffset && value <= kMaxOffset; }

}  // namespace bf::passes
