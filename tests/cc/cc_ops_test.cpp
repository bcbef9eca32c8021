// Every op kind and every way an access can leave the tape, on hand-built IR: the cc engine must
// produce the naive engine's output and stop at the same command and cell.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/cc/cc_test_support.h"

namespace bf::testing {
namespace {

using K = OpKind;

// Runs both engines and expects the same bytes and the same result; returns cc's run.
CcRun expect_same(const EngineInfo& cc, const Program& program, const CcSetup& setup = {}) {
  const Pair pair = run_both(cc, program, setup);
  EXPECT_EQ(pair.cc.output, pair.naive.output);
  EXPECT_EQ(pair.cc.result, pair.naive.result)
      << "cc: " << describe(pair.cc) << "; naive: " << describe(pair.naive);
  return pair.cc;
}

RunResult overflow(uint32_t src, int64_t cell) { return {RunStatus::kTapeOverflow, src, cell}; }
RunResult underflow(uint32_t src, int64_t cell) { return {RunStatus::kTapeUnderflow, src, cell}; }
// Source byte numbering of program_of(): op i has src 10i+1 and src2 10i+2.
uint32_t src(size_t i) { return static_cast<uint32_t>(10 * i + 1); }
uint32_t src2(size_t i) { return static_cast<uint32_t>(10 * i + 2); }

TEST(CcOps, StraightLineOpsAtOffsets) {
  BF_REQUIRE_CC(cc);
  const CcRun run = expect_same(
      cc, program_of({op(K::kSet, 'A', 3), op(K::kAdd, 1, 3), op(K::kOut, 0, 3), op(K::kMove, 2),
                      op(K::kAdd, -1, 1), op(K::kSet, 7, -2), op(K::kMulAdd, 3, 0, -2),
                      op(K::kOut, 0, 0), op(K::kAdd, 300, 0), op(K::kOut, 0, 0)}));
  EXPECT_EQ(run.output, std::string("B\x15\x41"));  // 7*3 = 21; then + 300 mod 256
  EXPECT_TRUE(run.result.ok());
}

TEST(CcOps, InputAndEveryEofPolicy) {
  BF_REQUIRE_CC(cc);
  const Program program = program_of({op(K::kSet, 9, 1), op(K::kIn, 0, 1), op(K::kOut, 0, 1),
                                      op(K::kIn, 0, 1), op(K::kOut, 0, 1)});
  for (const EofPolicy eof : {EofPolicy::kKeep, EofPolicy::kZero, EofPolicy::kMax}) {
    const CcRun run = expect_same(cc, program, CcSetup{.input = "x", .eof = eof});
    EXPECT_EQ(run.output.substr(0, 1), "x");
  }
}

TEST(CcOps, EveryAccessKindTrapsAtItsCommandAndCell) {
  BF_REQUIRE_CC(cc);
  // Each: an access one cell beyond either end of a 4096-cell tape, after some output.
  struct Case {
    const char* what;
    Program program;
    RunResult expected;
  };
  std::vector<Case> cases;
  cases.push_back(
      {"add left", program_of({op(K::kOut), op(K::kAdd, 1, -1)}), underflow(src(1), -1)});
  cases.push_back(
      {"set right", program_of({op(K::kOut), op(K::kSet, 1, 4096)}), overflow(src(1), 4096)});
  cases.push_back(
      {"out right", program_of({op(K::kMove, 4000), op(K::kOut, 0, 96)}), overflow(src(1), 4096)});
  cases.push_back({"in left", program_of({op(K::kIn, 0, -3)}), underflow(src(0), -3)});
  cases.push_back(
      {"muladd counter", program_of({op(K::kMulAdd, 2, 1, -1)}), underflow(src2(0), -1)});
  cases.push_back({"muladd target", program_of({op(K::kSet, 1), op(K::kMulAdd, 2, -7, 0)}),
                   underflow(src(1), -7)});
  cases.push_back({"loop begin", program_of({op(K::kMove, -1), op(K::kLoopBegin), op(K::kLoopEnd)}),
                   underflow(src(1), -1)});
  cases.push_back(
      {"loop end",
       program_of({op(K::kSet, 1), op(K::kLoopBegin), op(K::kMove, -1), op(K::kLoopEnd)}),
       underflow(src(3), -1)});
  cases.push_back({"scan first test", program_of({op(K::kMove, 4096), op(K::kScan, 1)}),
                   overflow(src(1), 4096)});
  cases.push_back({"walk right",
                   program_of({op(K::kSet, 1), op(K::kLoopBegin), op(K::kSet, 1, 1),
                               op(K::kMove, 1), op(K::kLoopEnd)}),
                   overflow(src(2), 4096)});
  for (const int stride : {1, 2, 3, 7}) {
    // Cells 4000..4095 non-zero: a scan from 4000 runs off the right end (a later test).
    std::vector<Op> ops = {op(K::kMove, 4000)};
    for (int c = 0; c < 96; ++c) ops.push_back(op(K::kSet, 1, c));
    ops.push_back(op(K::kScan, stride));
    const int64_t beyond = 4000 + ((95 / stride) + 1) * stride;
    cases.push_back({"scan right", finish_program(ops), overflow(src2(97), beyond)});
  }
  for (const int stride : {-1, -2, -5}) {
    std::vector<Op> ops;
    for (int c = 0; c < 50; ++c) ops.push_back(op(K::kSet, 1, c));
    ops.push_back(op(K::kMove, 49));
    ops.push_back(op(K::kScan, stride));
    const int64_t last = 49 + ((49 / -stride) + 1) * stride;
    cases.push_back({"scan left", finish_program(ops), underflow(src2(51), last)});
  }
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    const CcRun run = expect_same(cc, c.program);
    EXPECT_EQ(run.result, c.expected) << describe(run);
  }
}

TEST(CcOps, MultiplyWithZeroCounterNeverTouchesItsTarget) {
  BF_REQUIRE_CC(cc);
  // The target lies off the tape on both sides; the counter is zero, so nothing traps.
  const CcRun run =
      expect_same(cc, program_of({op(K::kMulAdd, 3, -40, 0), op(K::kMove, 4095),
                                  op(K::kMulAdd, 3, 40, 0), op(K::kSet, 'k'), op(K::kOut)}));
  EXPECT_TRUE(run.result.ok()) << describe(run);
  EXPECT_EQ(run.output, "k");
}

TEST(CcOps, OutputBeforeATrapInsideARegionIsKept) {
  BF_REQUIRE_CC(cc);
  // One region: the check before it fails, yet the ops before the faulting one still run.
  const CcRun run =
      expect_same(cc, program_of({op(K::kSet, 'a', 2), op(K::kOut, 0, 2), op(K::kAdd, 1, 2),
                                  op(K::kOut, 0, 2), op(K::kAdd, 1, -2), op(K::kOut, 0, 2)}));
  EXPECT_EQ(run.output, "ab");
  EXPECT_EQ(run.result, underflow(src(4), -2));
}

TEST(CcOps, FixedLoopThatNeverRunsCannotTrap) {
  BF_REQUIRE_CC(cc);
  // Cell 0 is zero: the loop's body, which reaches left of cell 0, is skipped.
  const CcRun run =
      expect_same(cc, program_of({op(K::kLoopBegin), op(K::kAdd, 1, -9), op(K::kAdd, -1),
                                  op(K::kLoopEnd), op(K::kSet, '!'), op(K::kOut)}));
  EXPECT_TRUE(run.result.ok());
  EXPECT_EQ(run.output, "!");
}

TEST(CcOps, FixedLoopBodyTrapsOnItsFirstIteration) {
  BF_REQUIRE_CC(cc);
  // Runs twice with a nested loop; the second outer iteration's inner loop reaches off the tape.
  const CcRun run =
      expect_same(cc, program_of({op(K::kSet, 2), op(K::kLoopBegin), op(K::kOut), op(K::kAdd, -1),
                                  op(K::kLoopBegin), op(K::kAdd, 1, -3), op(K::kSet, 0),
                                  op(K::kLoopEnd), op(K::kLoopEnd)}));
  EXPECT_EQ(run.result, underflow(src(5), -3));
}

TEST(CcOps, MovingLoopsWalkOffEitherEnd) {
  BF_REQUIRE_CC(cc);
  for (const int step : {1, 3, 8, -1, -3}) {
    SCOPED_TRACE(step);
    // Start in the middle, mark cells while walking: each iteration writes ahead and behind.
    const Program program = program_of({op(K::kMove, 2000), op(K::kSet, 1), op(K::kLoopBegin),
                                        op(K::kAdd, 1, 2), op(K::kAdd, 1, -2), op(K::kOut, 0, 1),
                                        op(K::kMove, step), op(K::kSet, 1), op(K::kLoopEnd)});
    const CcRun run = expect_same(cc, program);
    EXPECT_NE(run.result.status, RunStatus::kOk);
  }
}

TEST(CcOps, MovingLoopThatEndsBeforeTheEdge) {
  BF_REQUIRE_CC(cc);
  // Walks right over ten marked cells and stops on the first zero, touching cells left of it.
  std::vector<Op> ops;
  for (int c = 0; c < 10; ++c) ops.push_back(op(K::kSet, 'a' + c, c + 1));
  ops.push_back(op(K::kMove, 1));
  ops.push_back(op(K::kLoopBegin));
  ops.push_back(op(K::kOut));
  ops.push_back(op(K::kAdd, 1, -1));
  ops.push_back(op(K::kMove, 1));
  ops.push_back(op(K::kLoopEnd));
  const CcRun run = expect_same(cc, finish_program(ops));
  EXPECT_EQ(run.output, "abcdefghij");
  EXPECT_TRUE(run.result.ok());
}

TEST(CcOps, ScansStopAtTheFirstZero) {
  BF_REQUIRE_CC(cc);
  for (const int stride : {1, -1, 2, -2, 5}) {
    SCOPED_TRACE(stride);
    std::vector<Op> ops = {op(K::kMove, 100)};
    for (int c = -30; c <= 30; ++c) ops.push_back(op(K::kSet, c == 3 * stride ? 0 : 1, c));
    ops.push_back(op(K::kScan, stride));
    ops.push_back(op(K::kSet, '0'));
    ops.push_back(op(K::kOut));
    ops.push_back(op(K::kOut, 0, -stride));
    const CcRun run = expect_same(cc, finish_program(ops));
    EXPECT_EQ(run.output, std::string("0\x01", 2));
  }
}

TEST(CcOps, OutputLongerThanTheBufferIsFlushedInOrder) {
  BF_REQUIRE_CC(cc);
  // 3 * 255 * 255 bytes from a nest of fixed loops: three times the 64 KiB buffer.
  const CcRun run = expect_same(
      cc,
      program_of({op(K::kSet, 3), op(K::kLoopBegin), op(K::kSet, 255, 1), op(K::kMove, 1),
                  op(K::kLoopBegin), op(K::kSet, 1, 1), op(K::kMove, 1), op(K::kLoopBegin),
                  op(K::kOut), op(K::kAdd, 1), op(K::kLoopEnd), op(K::kMove, -1), op(K::kAdd, -1),
                  op(K::kLoopEnd), op(K::kMove, -1), op(K::kAdd, -1), op(K::kLoopEnd)}));
  EXPECT_EQ(run.output.size(), 3u * 255 * 255);
  EXPECT_TRUE(run.result.ok());
}

TEST(CcOps, LoopsNestedDeeperThanTheCompilerIsGivenStillRun) {
  BF_REQUIRE_CC(cc);
  // 300 nested loops (the deepest ones run on the checked path), output inside, then a trap.
  std::vector<Op> ops = {op(K::kSet, 1)};
  for (int d = 0; d < 300; ++d) ops.push_back(op(K::kLoopBegin));
  ops.push_back(op(K::kSet, 'd', 1));
  ops.push_back(op(K::kOut, 0, 1));
  ops.push_back(op(K::kSet, 0));
  for (int d = 0; d < 300; ++d) ops.push_back(op(K::kLoopEnd));
  ops.push_back(op(K::kMove, 1));
  ops.push_back(op(K::kLoopBegin));
  for (int d = 0; d < 270; ++d) ops.push_back(op(K::kLoopBegin));
  ops.push_back(op(K::kOut));
  ops.push_back(op(K::kMove, -7));
  for (int d = 0; d < 270; ++d) ops.push_back(op(K::kLoopEnd));
  ops.push_back(op(K::kLoopEnd));
  const Program program = finish_program(ops);
  CcRun run = expect_same(cc, program);
  EXPECT_EQ(run.result.status, RunStatus::kTapeUnderflow);
  EXPECT_EQ(run.output, "dd");
  for (const uint64_t steps : {1, 300, 301, 580}) {
    SCOPED_TRACE(steps);
    expect_same(cc, program, CcSetup{.max_steps = steps});
  }
}

}  // namespace
}  // namespace bf::testing
