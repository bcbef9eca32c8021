// Every handler of the threaded engine on hand-built IR: the effect, and every trap position,
// pinned to explicit values and checked against the naive engine.
#include <gtest/gtest.h>

#include <string>

#include "tests/threaded/ir_builder.h"

namespace bf::testing {
namespace {

using namespace ir;

constexpr uint64_t kSmallTape = 4096;
const RunSetup kSmall{.tape_cells = kSmallTape};

RunResult overflow(uint32_t src, int64_t cell) { return {RunStatus::kTapeOverflow, src, cell}; }
RunResult underflow(uint32_t src, int64_t cell) { return {RunStatus::kTapeUnderflow, src, cell}; }

TEST(ThreadedOps, AddAndSetAtOffsetsWrapModulo256) {
  const Outcome o = run_both(program({add(300, 2), out(2), set(255, 2), add(3, 2), out(2),
                                      set(-2, 5), out(5)}));
  EXPECT_EQ(o.output, std::string("\x2c\x02\xfe", 3));
  EXPECT_TRUE(o.result.ok());
}

TEST(ThreadedOps, MovesAccumulateAndOffsetsAreRelativeToThePointer) {
  // Cell 13 is reached as 10+3, then 3+10, then 5+8.
  const Outcome o = run_both(program({move(10), add(65, 3), move(-7), add(1, 10), out(10), move(2),
                                      out(8)}));
  EXPECT_EQ(o.output, "BB");
}

TEST(ThreadedOps, InputFollowsTheEofPolicy) {
  const Program p = program({add(7), in(), out(), in(1), in(1), out(1), add(9, 2), in(2), out(2)});
  // The second `in(1)` and the `in(2)` meet the end of the input.
  EXPECT_EQ(run_both(p, {.input = "ab", .eof = EofPolicy::kKeep}).output, "ab\x09");
  EXPECT_EQ(run_both(p, {.input = "ab", .eof = EofPolicy::kZero}).output, std::string("a\0\0", 3));
  EXPECT_EQ(run_both(p, {.input = "ab", .eof = EofPolicy::kMax}).output, "a\xff\xff");
  EXPECT_EQ(run_both(p, {.input = "", .eof = EofPolicy::kKeep}).output, std::string("\x07\0\x09", 3));
}

TEST(ThreadedOps, OutputLongerThanTheBufferArrivesWhole) {
  // 255 rounds of writing 255..1 twice each: 130050 bytes, two buffer flushes and a final one.
  const Outcome o = run_both(program({set(255), loop(), set(255, 1), move(1), loop(), out(), out(),
                                      add(-1), end(), move(-1), add(-1), end()}));
  ASSERT_EQ(o.output.size(), 2u * 255u * 255u);
  EXPECT_GT(o.output.size(), kOutputBufferBytes);
  EXPECT_EQ(o.output.substr(0, 4), "\xff\xff\xfe\xfe");
  EXPECT_EQ(o.output.substr(o.output.size() - 2), "\x01\x01");
}

TEST(ThreadedOps, LoopsSkipWhenZeroAndRepeatWhileNonZero) {
  // 3 * 4 nested iterations counted in cell 2.
  const Outcome o = run_both(program({loop(), out(), end(), add(3), loop(), add(4, 1), move(1),
                                      loop(), add(1, 1), add(-1), end(), move(-1), add(-1), end(),
                                      out(2)}));
  EXPECT_EQ(o.output, "\x0c");
}

TEST(ThreadedOps, MoveThenLoopEndTestsTheCellMovedTo) {
  // [>] over cells 1 1 1 0: the fused move+end must stop at cell 4 (the first zero after 1..3).
  const Outcome o = run_both(program({add(1), add(1, 1), add(1, 2), add(1, 3), loop(), move(1),
                                      end(), add(65), out()}));
  EXPECT_EQ(o.output, "A");
}

TEST(ThreadedOps, LoopTestsOffTheTapeTrapAtTheirBracket) {
  EXPECT_EQ(run_both(program({move(-1), loop(5), end(6)}), kSmall).result, underflow(5, -1));
  EXPECT_EQ(run_both(program({add(1), loop(3), move(4096), end(9)}), kSmall).result,
            overflow(9, 4096));
  EXPECT_EQ(run_both(program({add(1), loop(3), move(-3), end(9)}), kSmall).result,
            underflow(9, -3));
}

TEST(ThreadedOps, AWriteOrMultiplyBeforeALoopTrapsAtTheBracketWhenTheTestFallsOff) {
  // The add/set/multiply itself is on the tape; the loop test after the move is not.
  EXPECT_EQ(run_both(program({add(1, 0, 3), move(-1), loop(4), end(5)}), kSmall).result,
            underflow(4, -1));
  EXPECT_EQ(run_both(program({add(1), set(2, 1, 3), move(4096), loop(4), end(5)}), kSmall).result,
            overflow(4, 4096));
  EXPECT_EQ(run_both(program({add(1), mul_add(2, 1, 0, 7, 6), set(0, 0, 6), move(-9), loop(8),
                              end(9)}),
                     kSmall)
                .result,
            underflow(8, -9));
  // ... and the body of a loop whose test passes runs; one whose test fails is skipped.
  const Outcome o = run_both(program({add(2), loop(), out(), add(-1), end(), set(0), loop(),
                                      out(), end(), add(65), loop(), out(), set(0), end()}));
  EXPECT_EQ(o.output, std::string("\x02\x01") + "A");
}

TEST(ThreadedOps, NestedLoopsEndingTogetherExitTogether) {
  // "if"-shaped nests: each inner loop leaves its cell at zero, so the enclosing ']' that
  // follows at once falls through (the decoder drops it when steps are not counted).
  const Program p = program({add(3), loop(), add(-1), add(1, 1), loop(), add(-1), add(1, 1),
                             loop(), add(-1), add(1, 1), loop(), add(-1), end(), end(), end(),
                             end(), out(1), move(5), add(2), loop(), scan(1), end(), out()});
  const Outcome o = run_both(p);
  EXPECT_EQ(o.output, std::string("\x03\x00", 2));
  EXPECT_EQ(run_both(p, {.max_steps = 100}).output, o.output);
}

TEST(ThreadedOps, EveryAccessTrapNamesItsCommandAndCell) {
  EXPECT_EQ(run_both(program({add(1, -1, 7)}), kSmall).result, underflow(7, -1));
  EXPECT_EQ(run_both(program({set(1, 4096, 8)}), kSmall).result, overflow(8, 4096));
  EXPECT_EQ(run_both(program({move(4000), out(100, 9)}), kSmall).result, overflow(9, 4100));
  EXPECT_EQ(run_both(program({move(-70000), in(0, 3)}), kSmall).result, underflow(3, -70000));
  // Moving off the tape is not an access; coming back and accessing is fine.
  EXPECT_TRUE(run_both(program({move(-100000), move(100000), add(1), out()}), kSmall).result.ok());
}

TEST(ThreadedOps, OutputBeforeATrapIsKept) {
  const Outcome o = run_both(program({add(72), out(), move(-5), add(1, 0, 4)}), kSmall);
  EXPECT_EQ(o.output, "H");
  EXPECT_EQ(o.result, underflow(4, -5));
}

TEST(ThreadedOps, ScansStopAtTheFirstZeroInTheirDirection) {
  for (int32_t stride : {1, -1, 2, -2, 3, -3, 7}) {
    SCOPED_TRACE("stride " + std::to_string(stride));
    // Cells 100 + k*stride for k = 0..4 are non-zero, k = 5 is zero: the scan ends at k = 5.
    Program p = program({});
    p.ops.push_back(move(100));
    for (int k = 0; k < 5; ++k) p.ops.push_back(add(1, k * stride));
    p.ops.push_back(add(1, 1000));  // a non-zero cell the scan never reaches
    p.ops.push_back(scan(stride, 1, 2));
    p.ops.push_back(add(66));
    p.ops.push_back(out());
    p.ops.push_back(out(-5 * stride));
    const Outcome o = run_both(p);
    EXPECT_EQ(o.output, "B\x01");
  }
}

TEST(ThreadedOps, ScanOnAZeroCellDoesNotMove) {
  EXPECT_EQ(run_both(program({scan(1), add(1), out(), move(1), scan(-1), out()})).output,
            std::string("\x01\x00", 2));
}

TEST(ThreadedOps, ScanRunningOffTheTapeTrapsAtItsClosingBracketOnTheFirstCellOutside) {
  for (int32_t stride : {1, -1, 3, -3, 4096, -5000}) {
    SCOPED_TRACE("stride " + std::to_string(stride));
    // Every cell on the scan's path to the tape's end is non-zero.
    const int64_t start = stride > 0 ? 4000 : 95;
    Program p = program({move(static_cast<int32_t>(start))});
    int64_t cell = start;
    for (; cell >= 0 && cell < static_cast<int64_t>(kSmallTape); cell += stride) {
      p.ops.push_back(add(1, static_cast<int32_t>(cell - start)));
    }
    p.ops.push_back(scan(stride, 11, 12));
    EXPECT_EQ(run_both(p, kSmall).result, tape_trap(cell, 12));
  }
}

TEST(ThreadedOps, ScansFindAZeroInTheLastCellTheyCanReach) {
  // The only zeros on the way are the tape's last cell (going right) and cell 0 (going left).
  for (int32_t stride : {1, -1}) {
    SCOPED_TRACE("stride " + std::to_string(stride));
    const int64_t start = stride > 0 ? 4000 : 95;
    const int64_t last = stride > 0 ? kSmallTape - 1 : 0;
    Program p = program({move(static_cast<int32_t>(start))});
    for (int64_t cell = start; cell != last; cell += stride) {
      p.ops.push_back(add(1, static_cast<int32_t>(cell - start)));
    }
    p.ops.push_back(scan(stride, 11, 12));
    p.ops.push_back(add(7, 0, 13));
    p.ops.push_back(out(0));
    p.ops.push_back(out(static_cast<int32_t>(start - last), 14));  // back at the start cell
    const Outcome o = run_both(p, kSmall);
    EXPECT_TRUE(o.result.ok());
    EXPECT_EQ(o.output, "\x07\x01");
  }
}

TEST(ThreadedOps, ScanStartingOffTheTapeTrapsAtItsOpeningBracket) {
  EXPECT_EQ(run_both(program({move(-2), scan(1, 5, 6)}), kSmall).result, underflow(5, -2));
  EXPECT_EQ(run_both(program({move(4096), scan(-1, 5, 6)}), kSmall).result, overflow(5, 4096));
}

TEST(ThreadedOps, MulAddAddsTheProductOnlyWhenTheCounterIsNonZero) {
  const Outcome o = run_both(program({add(3), mul_add(5, 1), mul_add(-2, 2), mul_add(200, 3),
                                      mul_add(7, 4, 5), out(1), out(2), out(3), out(4)}));
  EXPECT_EQ(o.output, std::string("\x0f\xfa\x58\x00", 4));
}

TEST(ThreadedOps, MulAddReadsTheCounterAtItsBracketAndTheTargetAtItsCommand) {
  // Counter off the tape: the '[' (src2) traps, even though the target is fine.
  EXPECT_EQ(run_both(program({mul_add(1, 1, -1, 4, 3)}), kSmall).result, underflow(3, -1));
  // Counter zero: the target is never accessed, so an off-tape target does not trap.
  EXPECT_TRUE(run_both(program({mul_add(1, -1, 0, 4, 3)}), kSmall).result.ok());
  // Counter non-zero: the target's command (src) traps.
  EXPECT_EQ(run_both(program({add(1), mul_add(1, -1, 0, 4, 3)}), kSmall).result,
            underflow(4, -1));
  EXPECT_EQ(run_both(program({move(4095), add(1), mul_add(1, 2, 0, 4, 3)}), kSmall).result,
            overflow(4, 4097));
}

TEST(ThreadedOps, MultiplyGroupsBehaveAsTheirMulAddsInOrder) {
  // A whole multiply loop: counter 6, targets at +1 (x2), -1 (x-1), +3 (x255), then clear.
  const Outcome o = run_both(program({move(5), add(6), mul_add(2, 1), mul_add(-1, -1),
                                      mul_add(255, 3), set(0), out(), out(1), out(-1), out(3)}));
  EXPECT_EQ(o.output, std::string("\x00\x0c\xfa\xfa", 4));
  // The same without the clear: the counter keeps its value.
  const Outcome kept = run_both(program({move(5), add(6), mul_add(2, 1), mul_add(-1, -1), out()}));
  EXPECT_EQ(kept.output, "\x06");
  // Set stores its value mod 256, so a Set 256 of the counter is its clear.
  const Outcome wrapped = run_both(program({add(3), mul_add(1, 1), set(256), out(), out(1)}));
  EXPECT_EQ(wrapped.output, std::string("\x00\x03", 2));
  // With a zero counter every target is skipped, even ones off the tape, and the clear is harmless.
  EXPECT_TRUE(run_both(program({mul_add(1, -3, 0, 1, 0), mul_add(1, 5000, 0, 2, 0), set(0)}),
                       kSmall).result.ok());
}

TEST(ThreadedOps, MultiplyGroupTrapsAtTheFirstTargetOffTheTapeAfterEarlierTargetsWereWritten) {
  const Outcome o = run_both(program({add(2), mul_add(1, 1, 0, 10, 9), mul_add(1, -1, 0, 11, 9),
                                      mul_add(1, 2, 0, 12, 9), set(0, 0, 9)}),
                             kSmall);
  EXPECT_EQ(o.result, underflow(11, -1));
  const Outcome counter = run_both(program({move(-1), mul_add(1, 2, 0, 10, 9),
                                            mul_add(1, 3, 0, 11, 9), set(0, 0, 9)}),
                                   kSmall);
  EXPECT_EQ(counter.result, underflow(9, -1));
  // Counter at an offset (the optimizer's offset addressing); the clear writes the counter.
  const Outcome offset = run_both(program({add(4, 2), mul_add(3, 1, 2), mul_add(1, 3, 2),
                                           set(0, 2), out(1), out(2), out(3)}));
  EXPECT_EQ(offset.output, std::string("\x0c\x00\x04", 3));
}

// A loop that is one multiply (`[` muladd p[target] += p[from]*3, set p[from] = 1, move `]`) walks
// over non-zero cells towards an end of the tape until one of its accesses falls off: the
// counter, the target or the loop test, whichever comes first, for every shape nearby.
TEST(ThreadedOps, WholeMultiplyLoopsTrapAtTheFirstAccessOffTheTape) {
  for (int32_t step : {-3, -2, -1, 1, 2, 3}) {
    for (int32_t from = -2; from <= 2; ++from) {
      for (int32_t target = -3; target <= 3; ++target) {
        if (target == from) continue;
        SCOPED_TRACE("move " + std::to_string(step) + " from " + std::to_string(from) +
                     " target " + std::to_string(target));
        const int32_t start = step > 0 ? static_cast<int32_t>(kSmallTape) - 30 : 30;
        Program p = program({move(start)});
        for (int32_t cell = -30; cell < 30; ++cell) p.ops.push_back(add(1 + (cell & 3), cell));
        for (const Op& op : {loop(100), mul_add(3, target, from, 101, 100), set(1, from, 100),
                             move(step), end(102)}) {
          p.ops.push_back(op);
        }
        link_loops(p);
        const Outcome o = run_both(p, kSmall);
        EXPECT_NE(o.result.status, RunStatus::kOk);
        run_both(p, {.tape_cells = kSmallTape, .max_steps = 7});
      }
    }
  }
}

// The same for a loop whose body mixes an add, a multiply and a set (one block-loop instruction):
// every slot kind's access, and the loop test, may be the first to leave the tape.
TEST(ThreadedOps, BlockLoopsTrapAtTheFirstAccessOffTheTape) {
  int traps = 0;
  for (int32_t step : {-2, -1, 1, 2}) {
    for (int32_t added = -2; added <= 2; ++added) {
      for (int32_t from = -1; from <= 1; ++from) {
        for (int32_t target = -2; target <= 2; ++target) {
          if (target == from) continue;
          SCOPED_TRACE("move " + std::to_string(step) + " add at " + std::to_string(added) +
                       " from " + std::to_string(from) + " target " + std::to_string(target));
          const int32_t start = step > 0 ? static_cast<int32_t>(kSmallTape) - 20 : 20;
          Program p = program({move(start)});
          for (int32_t cell = -20; cell < 20; ++cell) p.ops.push_back(add(1 + (cell & 3), cell));
          for (const Op& op : {loop(100), add(1, added, 101), mul_add(3, target, from, 102, 103),
                               set(1, from, 104), move(step), end(105)}) {
            p.ops.push_back(op);
          }
          link_loops(p);
          const Outcome o = run_both(p, kSmall);
          traps += o.result.status != RunStatus::kOk;
          run_both(p, {.tape_cells = kSmallTape, .max_steps = 5});
        }
      }
    }
  }
  EXPECT_GT(traps, 200);  // nearly every walk reaches an end of the tape
}

TEST(ThreadedOps, WholeMultiplyLoopsStopAtAZeroCell) {
  // Counter cells 3, 2, 1 at 10, 11, 12 are moved (times 2) two cells left, until cell 13 (0).
  const Outcome o = run_both(program({add(3, 10), add(2, 11), add(1, 12), move(10), loop(),
                                      mul_add(2, -2), set(0), move(1), end(), out(), out(-5),
                                      out(-4), out(-3), out(-2), out(-1)}));
  EXPECT_EQ(o.output, std::string("\x00\x06\x04\x02\x00\x00", 6));
}

TEST(ThreadedOps, MulAddsWithDifferentCountersStaySeparate) {
  const Outcome o = run_both(program({add(2), add(3, 1), mul_add(1, 2, 0), mul_add(1, 2, 1),
                                      set(0, 1), out(2), out(1)}));
  EXPECT_EQ(o.output, std::string("\x05\x00", 2));
}

TEST(ThreadedOps, ASetAfterAGroupThatIsNotTheCounterClearIsKept) {
  const Outcome o = run_both(program({add(2), mul_add(1, 1), set(9, 0), out(), out(1), mul_add(1, 2),
                                      set(0, 2), out(2)}));
  EXPECT_EQ(o.output, std::string("\x09\x02\x00", 3));
}

TEST(ThreadedOps, AMalformedProgramIsRefusedAtCompileTime) {
  // The dispatch loop trusts its jumps, so the engine checks the program before decoding it.
  Program unlinked{{Op{.kind = OpKind::kLoopBegin, .arg = 7}, Op{.kind = OpKind::kAdd}}};
  EXPECT_THROW(engine_named("threaded").make()->compile(unlinked, {}), CompileError);
}

}  // namespace
}  // namespace bf::testing
