// Inst: one slot of the decoded stream -- a handler's address and the operands that handler reads.
#pragma once

#include <cstdint>
#include <string_view>

namespace bf::threaded {

// The handlers of the dispatch loop. The decoder picks one per op or per fused run of ops; the
// dispatch loop maps each to the address of its label. Fusing saves dispatches, the dominant cost:
//  - a Move before a loop test or scan is done by that instruction (its `move`);
//  - a run of Adds and Sets is one kWrites; MulAdds of one counter and the Set of that counter
//    after them (a multiply loop, as the optimizer emits it) are one kMulAdd* instruction;
//  - the *End and *Begin variants also do the loop test that follows them: after their own work
//    they move by `move` and do what kLoopEnd or kLoopBegin does, saving a dispatch per test.
// Slots after an instruction (its operands) are not instructions; jumps never land on them.
enum class Handler : uint8_t {
  kHalt,             // end of the program
  kAdd,              // cell[p+offset] += arg
  kAddEnd,           //   ... then the loop end
  kAddBegin,         //   ... then the loop begin
  kSet,              // cell[p+offset] = arg
  kSetEnd,           //   ... then the loop end
  kSetBegin,         //   ... then the loop begin
  kWrites,           // arg write slots follow, each cell[p+offset] = (cell & keep) + value:
  kWritesEnd,        //   keep is 0xff for an Add and 0 for a Set; then (End) the loop end or
  kWritesBegin,      //   (Begin) the loop begin
  kWrites2,          // kWrites of exactly two slots, unrolled: the commonest run ("-<+>"-like)
  kWrites2End,       //
  kWrites2Begin,     //
  kMove,             // p += arg (only where no loop test or scan follows to take the move)
  kOut,              // write cell[p+offset]
  kIn,               // cell[p+offset] = input
  kLoopBegin,        // p += move; if cell[p] == 0: continue at this + jump
  kLoopEnd,          // p += move; if cell[p] != 0: continue at this + jump
  kScanRight,        // p += move; then kScan with stride +1 (memchr)
  kScanLeft,         // p += move; then kScan with stride -1 (memrchr)
  kScan,             // p += move; while cell[p] != 0: p += arg
  kSeek,             // p += move; while cell[p] != value: p += arg (memchr/memrchr for +-1)
  kMulAdd,           // arg target slots follow (offset, factor in arg): if cell[p+from] != 0,
                     //   each cell[p+offset] += cell[p+from] * factor
  kMulAdd1,          // kMulAdd with one target, inline: cell[p+offset] += cell[p+from] * arg
  kMulAddSet,        // kMulAdd, then cell[p+from] = value (the counter's clear, or any value);
  kMulAddSetEnd,     //   then (End) the loop end or (Begin) the loop begin
  kMulAddSetBegin,   //
  kMulAdd1Set,       // kMulAddSet with one target, inline: cell[p+offset] += cell[p+from] * arg
  kMulAdd1SetEnd,    //   ... then the loop end
  kMulAdd1SetBegin,  //   ... then the loop begin
  kMulAdd1SetLoop,   // a loop whose whole body is a kMulAdd1SetEnd: repeated without dispatching
  kBlockLoop,        // a loop whose whole body is adds, sets and multiplies (then a move): arg
                     //   block slots follow, each cell[p+offset] = (cell & keep) + value +
                     //   cell[p+from] * arg; all repeated without dispatching. The cells the
                     //   body touches lie in [p+offset, p+from] of this instruction (its window).
  kBlockLoop1,       // kBlockLoop with a one-slot body
  kAddLoop2,         // kBlockLoop with a body of two adds ("[->+]", "[-<<+>]" after offset
                     //   addressing): the walking and transfer loops, their commonest body
  kProduct,          // if cell[p+from] != 0 and cell[p+move] != 0 (the second factor's offset
                     //   rides in `move`): cell[p+offset] += cell[p+from] * cell[p+move] * arg
};

inline constexpr int kHandlerCount = static_cast<int>(Handler::kProduct) + 1;

std::string_view handler_name(Handler handler);

// 32 bytes, so an instruction never straddles two cache lines. Fields are shared by the handlers
// as the comments on Handler describe. Source positions live apart (Sources): only traps read them.
struct Inst {
  const void* handler = nullptr;  // the label to jump to; null in an operand slot
  int32_t offset = 0;             // the cell addressed, relative to p
  int32_t arg = 0;                // amount, value, distance, stride, factor or slot count
  int32_t from = 0;               // multiply counter, relative to p
  uint8_t value = 0;              // what a Set stores (a multiply's counter Set); slots: the addend
  uint8_t keep = 0;               // slots: 0xff keeps the cell's value (Add, MulAdd), 0 does not
  bool multiplies = false;        // slots: a MulAdd (reads `from`; touches the target if non-zero)
  uint8_t unused = 0;
  int32_t move = 0;               // loop tests, scans, *End, *Begin: the pointer move first
  int32_t jump = 0;               // loop tests, *End, *Begin: the taken branch's target, in slots
};

static_assert(sizeof(Inst) == 32);

// Per slot of the stream, the source bytes its accesses report when they fall off the tape.
struct Sources {
  uint32_t src = 0;      // the main access (a loop test, a write, a multiply target, ...)
  uint32_t src2 = 0;     // as Op::src2: a scan's later tests (']'), a multiply's counter ('[')
  uint32_t test_src = 0;  // *End, *Begin: the bracket whose loop test the instruction does
};

}  // namespace bf::threaded
