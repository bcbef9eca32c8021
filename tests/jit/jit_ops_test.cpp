// Every op kind on every JIT, with hand-built IR, against the naive engine: results, and the exact
// trap (status, source byte, cell) for every kind of access that can fall off the tape.
#include <gtest/gtest.h>

#include <string>

#include "core/runtime/tape.h"
#include "tests/jit/ir_build.h"
#include "tests/jit/jit_engines.h"

namespace bf::testing {
namespace {

using namespace ir;

constexpr int32_t kSmallTape = 4096;  // one page: traps are easy to reach
const int32_t kFar = static_cast<int32_t>(Tape::guard_bytes()) + 1000;  // beyond the guard

RunSetup small_tape(std::string input = "") {
  RunSetup setup;
  setup.tape_cells = kSmallTape;
  setup.input = std::move(input);
  return setup;
}

class JitOps : public JitTest {
 protected:
  // Runs on the JIT, checks it against naive, and returns the JIT's outcome for specific checks.
  Outcome run(const Program& program, const RunSetup& setup = small_tape()) {
    expect_same_as_naive(program, setup);
    return run_on(jit(), program, setup);
  }
  void expect_trap(const Outcome& outcome, RunStatus status, uint32_t src, int64_t cell) {
    EXPECT_EQ(status_name(outcome.result.status), status_name(status));
    EXPECT_EQ(outcome.result.src, src);
    EXPECT_EQ(outcome.result.cell, cell);
  }
};

TEST_P(JitOps, AddSetAndOutAtOffsets) {
  const Outcome o = run(program({add(65, 0, 0), add(200, 3, 1), add(-134, 3, 2), set(7, -0, 3),
                                 add(60, 0, 4), out(0, 5), out(3, 6), move(3, 7), out(0, 8),
                                 set(300, 1, 9), out(1, 10), add(0, 1, 11), out(1, 12)}));
  EXPECT_TRUE(o.result.ok());
  EXPECT_EQ(o.output, std::string("CBB,,"));
}

TEST_P(JitOps, FarOffsetsUseDisp32) {
  const Outcome o = run(program({move(2000, 0), add(1, 1000, 1), add(2, -1000, 2), add(3, 127, 3),
                                 add(4, -128, 4), add(5, 128, 5), add(6, -129, 6), out(1000, 7),
                                 out(-1000, 8), out(127, 9), out(-128, 10), out(128, 11),
                                 out(-129, 12)}));
  EXPECT_EQ(o.output, std::string("\1\2\3\4\5\6", 6));
}

TEST_P(JitOps, AccessLeftOfTheTapeTraps) {
  expect_trap(run(program({add(1, 0, 0), add(1, -1, 1)})), RunStatus::kTapeUnderflow, 1, -1);
  expect_trap(run(program({set(1, -kMaxOffset, 2)})), RunStatus::kTapeUnderflow, 2, -kMaxOffset);
  expect_trap(run(program({out(-5, 3)})), RunStatus::kTapeUnderflow, 3, -5);
  expect_trap(run(program({in(-7, 4)}), small_tape("x")), RunStatus::kTapeUnderflow, 4, -7);
}

TEST_P(JitOps, AccessPastTheTapeTraps) {
  expect_trap(run(program({add(1, kSmallTape - 1, 0), add(1, kSmallTape, 1)})),
              RunStatus::kTapeOverflow, 1, kSmallTape);
  expect_trap(run(program({set(1, kMaxOffset, 2)})), RunStatus::kTapeOverflow, 2, kMaxOffset);
  expect_trap(run(program({move(kSmallTape, 3), out(0, 4)})), RunStatus::kTapeOverflow, 4,
              kSmallTape);
}

TEST_P(JitOps, OutputBeforeATrapIsKept) {
  const Outcome o = run(program({add(33, 0, 0), out(0, 1), out(0, 2), add(1, -3, 3), out(0, 4)}));
  expect_trap(o, RunStatus::kTapeUnderflow, 3, -3);
  EXPECT_EQ(o.output, "!!");
}

TEST_P(JitOps, MovesBeyondTheGuardAreCheckedExplicitly) {
  // Further than the guard region: the guards cannot catch it, an explicit check must.
  expect_trap(run(program({move(kFar, 0), add(1, 0, 1)})), RunStatus::kTapeOverflow, 1, kFar);
  expect_trap(run(program({move(-kFar, 0), set(1, 5, 1)})), RunStatus::kTapeUnderflow, 1,
              5 - kFar);
  // Far away and back: the explicit check passes and the access happens.
  const Outcome back = run(program({move(kFar, 0), move(-kFar + 10, 1), add(66, 0, 2), out(0, 3)}));
  EXPECT_TRUE(back.result.ok());
  EXPECT_EQ(back.output, "B");
  // Many small moves without an access add up the same way.
  std::vector<Op> walk;
  for (int i = 0; i < 300; ++i) walk.push_back(move(1000, static_cast<uint32_t>(i)));
  walk.push_back(out(0, 300));
  expect_trap(run(program(walk)), RunStatus::kTapeOverflow, 300, 300000);
}

// Sets every cell of the small tape to 1 (p stays at cell 0).
std::vector<Op> fill_small_tape() {
  std::vector<Op> ops;
  for (int32_t i = 0; i < kSmallTape; ++i) ops.push_back(set(1, i, 0));
  return ops;
}

TEST_P(JitOps, LoopTestsTrapAtTheirBracket) {
  // '[' reached with p left of the tape.
  expect_trap(run(program({move(-1, 0), begin(1), end(2)})), RunStatus::kTapeUnderflow, 1, -1);
  // [>] over a tape with no zero, as a loop: the ']' test is the first access off the tape.
  std::vector<Op> walk = fill_small_tape();
  walk.insert(walk.end(), {begin(1), move(1, 2), end(3)});
  expect_trap(run(program(walk)), RunStatus::kTapeOverflow, 3, kSmallTape);
}

TEST_P(JitOps, NestedLoopsCount) {
  // 5 * 7 iterations of an inner add: 35 + 30 = 'A'.
  const Outcome o = run(program({add(5, 0, 0), begin(1), add(7, 1, 2), move(1, 3), begin(4),
                                 add(1, 1, 5), add(-1, 0, 6), end(7), move(-1, 8), add(-1, 0, 9),
                                 end(10), add(30, 2, 11), out(2, 12)}));
  EXPECT_EQ(o.output, "A");
}

TEST_P(JitOps, LoopTestReusesTheFlagsOfAnAddAtOffsetZero) {
  // `add p[0]` right before `]` and before `[`: the compare is skipped, the branch must still
  // follow the add's result, including a wrap to zero.
  const Outcome o = run(program({add(3, 0, 0), begin(1), add(2, 1, 2), add(-1, 0, 3), end(4),
                                 add(-2, 0, 5), begin(6), add(1, 0, 7), end(8), add(1, 0, 9),
                                 begin(10), add(1, 2, 11), add(1, 0, 12), end(13), out(1, 14),
                                 out(2, 15)}));
  EXPECT_EQ(o.output, std::string("\x06\xff", 2));
}

TEST_P(JitOps, ScanStopsAtTheFirstZero) {
  // cells 1..5 nonzero, 6 zero: [>] from 1 stops at 6; [<] from 5 stops at 0; stride 2 and -3.
  std::vector<Op> ops;
  for (int32_t i = 1; i <= 5; ++i) ops.push_back(set(i, i, 0));
  ops.insert(ops.end(), {move(1, 1), scan(1, 2, 3), set(65, 0, 4), scan(-1, 5, 6), add(66, 0, 7),
                         out(0, 8), out(6, 9), move(1, 10), scan(2, 11, 12), out(0, 13),
                         set(0, -4, 14), set(9, 0, 15), scan(-2, 16, 17), out(2, 18)});
  const Outcome o = run(program(ops), small_tape());
  EXPECT_TRUE(o.result.ok());
  EXPECT_EQ(o.output, std::string("BA\0\x05", 4));
}

TEST_P(JitOps, ScanLongDistances) {
  // A long run of nonzero cells, scanned across in both directions (memchr-class helpers).
  // Cells 10..3009 nonzero: [>] from 10 stops at 3010, [<] from 3009 at 9.
  std::vector<Op> ops{move(10, 0)};
  for (int32_t i = 0; i < 3000; ++i) ops.push_back(set(i % 255 + 1, i, 1));
  ops.insert(ops.end(), {scan(1, 2, 3), set(42, 0, 4), move(-1, 5), scan(-1, 6, 7), out(0, 8),
                         out(3001, 9)});
  const Outcome o = run(program(ops), RunSetup{});
  EXPECT_TRUE(o.result.ok());
  EXPECT_EQ(o.output, std::string("\0*", 2));
}

TEST_P(JitOps, ScanFirstTestTrapsAtTheOpeningBracket) {
  expect_trap(run(program({move(-2, 0), scan(1, 1, 2)})), RunStatus::kTapeUnderflow, 1, -2);
  expect_trap(run(program({move(kSmallTape + 3, 0), scan(-4, 1, 2)})), RunStatus::kTapeOverflow,
              1, kSmallTape + 3);
}

TEST_P(JitOps, ScanRunningOffTheTapeTrapsAtTheClosingBracket) {
  // No zero anywhere: every stride runs off an end; the cell is the first one outside.
  for (int32_t stride : {1, -1, 2, -2, 3, -7, 100, -100, 4096, -4096, 5000, -5000}) {
    SCOPED_TRACE("stride " + std::to_string(stride));
    std::vector<Op> ops = fill_small_tape();
    const int32_t start = stride > 0 ? 10 : kSmallTape - 10;
    ops.insert(ops.end(), {move(start, 1), scan(stride, 2, 3)});
    const Outcome o = run(program(ops));
    EXPECT_EQ(o.result.src, 3u);
    int64_t cell = start;
    while (cell >= 0 && cell < kSmallTape) cell += stride;
    EXPECT_EQ(o.result.cell, cell);
  }
}

TEST_P(JitOps, ScanWithAStrideBeyondTheGuardIsChecked) {
  // Each step jumps further than the guard region; the explicit check names the ']'.
  const Outcome right = run(program({set(1, 0, 0), scan(kFar, 1, 2)}));
  expect_trap(right, RunStatus::kTapeOverflow, 2, kFar);
  const Outcome left = run(program({move(100, 0), set(1, 0, 1), scan(-kFar, 2, 3)}));
  expect_trap(left, RunStatus::kTapeUnderflow, 3, 100 - kFar);
  const Outcome stop = run(program({set(1, 0, 0), scan(kFar, 1, 2)}), RunSetup{.tape_cells = 1 << 20});
  EXPECT_TRUE(stop.result.ok());
}

TEST_P(JitOps, MulAddFactorsAndGroups) {
  // counter 3 at p[0]: targets get 3*f mod 256 for f = 1, -1, 2, 100, 256 (adds 0), -128.
  const Outcome o = run(program({set(3, 0, 0), set(10, 6, 1), mul_add(1, 1, 0, 2, 3),
                                 mul_add(-1, 2, 0, 4, 3), mul_add(2, 3, 0, 5, 3),
                                 mul_add(100, 4, 0, 6, 3), mul_add(256, 5, 0, 7, 3),
                                 mul_add(-128, 6, 0, 8, 3), set(0, 0, 9), out(1, 10), out(2, 11),
                                 out(3, 12), out(4, 13), out(5, 14), out(6, 15), out(0, 16)}));
  EXPECT_EQ(o.output, std::string("\x03\xfd\x06\x2c\x00\x8a\x00", 7));
}

TEST_P(JitOps, MulAddWithAnOffsetCounterAndMixedGroups) {
  // Two groups back to back with different counters; the second counter is a target of the first.
  const Outcome o = run(program({move(10, 0), set(2, 5, 0), set(3, 7, 1), mul_add(4, 7, 5, 2, 3),
                                 mul_add(1, -2, 5, 4, 3), mul_add(2, 9, 7, 5, 6),
                                 mul_add(-1, 5, 7, 7, 6), out(7, 8), out(-2, 9), out(9, 10),
                                 out(5, 11)}));
  EXPECT_EQ(o.output, std::string("\x0b\x02\x16\xf7", 4));
}

TEST_P(JitOps, MulAddCounterReadTrapsEvenWhenTheTargetIsFine) {
  expect_trap(run(program({mul_add(1, 1, -1, 5, 4)})), RunStatus::kTapeUnderflow, 4, -1);
  expect_trap(run(program({move(kSmallTape - 1, 0), mul_add(2, -1, 1, 5, 4)})),
              RunStatus::kTapeOverflow, 4, kSmallTape);
}

TEST_P(JitOps, MulAddTargetIsOnlyTouchedWhenTheCounterIsNonZero) {
  // Counter zero: an off-tape target is not touched, so no trap.
  const Outcome skipped = run(program({mul_add(1, -3, 0, 5, 4), mul_add(1, kMaxOffset, 0, 6, 4),
                                       add(65, 0, 7), out(0, 8)}));
  EXPECT_TRUE(skipped.result.ok());
  EXPECT_EQ(skipped.output, "A");
  // Counter non-zero: the target access traps with the target command's byte.
  expect_trap(run(program({add(1, 0, 0), mul_add(1, 1, 0, 5, 4), mul_add(1, -3, 0, 6, 4)})),
              RunStatus::kTapeUnderflow, 6, -3);
  expect_trap(run(program({add(1, 0, 0), mul_add(3, kMaxOffset, 0, 7, 4)})),
              RunStatus::kTapeOverflow, 7, kMaxOffset);
}

TEST_P(JitOps, InputReadsBytesThenAppliesTheEofPolicy) {
  const Program echo = program({in(0, 0), out(0, 1), in(2, 2), out(2, 3), add(9, 4, 4), in(4, 5),
                                out(4, 6), in(4, 7), out(4, 8)});
  for (EofPolicy eof : {EofPolicy::kKeep, EofPolicy::kZero, EofPolicy::kMax}) {
    RunSetup setup = small_tape("ab");
    setup.eof = eof;
    const Outcome o = run(echo, setup);
    const char last = eof == EofPolicy::kKeep ? '\x09' : eof == EofPolicy::kZero ? '\0' : '\xff';
    EXPECT_EQ(o.output, std::string("ab") + last + last);
  }
}

TEST_P(JitOps, OutputLongerThanTheBufferIsFlushedInOrder) {
  // 200 times the values 1..255, five times each: several times the 64 KiB output buffer.
  const Outcome o = run(program({set(200, 0, 0), begin(1), move(1, 2), set(1, 0, 3), begin(4),
                                 out(0, 5), out(0, 6), out(0, 7), out(0, 8), out(0, 9),
                                 add(1, 0, 10), end(11), move(-1, 12), add(-1, 0, 13), end(14)}),
                        RunSetup{});
  ASSERT_EQ(o.output.size(), 200u * 255 * 5);
  EXPECT_EQ(o.output[5 * 254], '\xff');
  EXPECT_EQ(o.output[5 * 255], '\x01');
  EXPECT_EQ(o.output.back(), '\xff');
}

TEST_P(JitOps, DeeplyNestedLoopsCompileAndRun) {
  // 100000 nested loops, once with a move in the innermost (no loop keeps p fixed) and once
  // without (one fixed region holding them all): compilation stays linear in the program.
  for (const bool moves : {true, false}) {
    std::vector<Op> ops{add(3, 0, 0)};
    constexpr uint32_t kDepth = 100000;
    for (uint32_t i = 0; i < kDepth; ++i) ops.push_back(begin(1 + i));
    ops.push_back(moves ? move(1, kDepth + 1) : add(-1, 0, kDepth + 1));
    for (uint32_t i = 0; i < kDepth; ++i) ops.push_back(end(kDepth + 2 + i));
    ops.push_back(out(0, 2 * kDepth + 2));
    const Outcome o = run(program(ops), RunSetup{});
    EXPECT_TRUE(o.result.ok());
    EXPECT_EQ(o.output, std::string(1, '\0'));
  }
}

TEST_P(JitOps, EmptyProgramFinishes) {
  const Outcome o = run(program({}));
  EXPECT_TRUE(o.result.ok());
  EXPECT_TRUE(o.output.empty());
}

BF_INSTANTIATE_JIT_TEST(JitOps);

}  // namespace
}  // namespace bf::testing
