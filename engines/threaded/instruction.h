// Inst: one slot of the decoded stream -- a handler's address and the operands that handler reads.
#pragma once

#include <cstdint>
#include <string_view>

namespace bf::threaded {

// The handlers of the dispatch loop. The decoder picks one per op (or per fused run of ops); the
// dispatch loop maps each to the address of its label. Specialised forms exist where a shape is
// hot enough that skipping a dispatch or a general path pays.
enum class Handler : uint8_t {
  kHalt,              // end of the program
  kAdd,               // cell[p+offset] += arg
  kSet,               // cell[p+offset] = arg
  kMove,              // p += arg
  kOut,               // write cell[p+offset]
  kIn,                // cell[p+offset] = input
  kLoopBegin,         // if cell[p] == 0: continue at this + jump
  kLoopEnd,           // if cell[p] != 0: continue at this + jump
  kMoveLoopEnd,       // p += arg, then kLoopEnd: the tail of nearly every loop body
  kScanRight,         // kScan with stride +1 (memchr)
  kScanLeft,          // kScan with stride -1 (memrchr)
  kScan,              // while cell[p] != 0: p += arg
  kMulAdd,            // if cell[p+from] != 0: cell[p+offset] += cell[p+from] * arg
  kMulAddGroup,       // arg kMulAdds sharing one counter; the targets follow in arg operand slots
  kMulAddGroupClear,  // kMulAddGroup, then cell[p+from] = 0: a whole multiply loop
};

inline constexpr int kHandlerCount = static_cast<int>(Handler::kMulAddGroupClear) + 1;

std::string_view handler_name(Handler handler);

// 32 bytes, so an instruction never straddles two cache lines. Fields are shared by the handlers
// as the comments on Handler describe; `src`/`src2` are only read when an access traps.
struct Inst {
  const void* handler = nullptr;  // the label to jump to; null in an operand slot
  int32_t offset = 0;             // the cell addressed, relative to p
  int32_t arg = 0;                // amount, value, distance, stride, factor or slot count
  int32_t from = 0;               // multiply counter, relative to p
  int32_t jump = 0;               // loops: the taken branch's target, in instructions from here
  uint32_t src = 0;               // source byte reported when the main access traps
  uint32_t src2 = 0;              // scans: later tests (']'); multiplies: the counter ('[')
};

static_assert(sizeof(Inst) == 32);

}  // namespace bf::threaded
