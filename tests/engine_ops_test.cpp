// Every op kind on every engine, with hand-built IR, against the naive engine: results, and the
// exact trap (status, source byte, cell) for every kind of access that can fall off the tape.
// One suite, parametrized over the engines; cases specific to one engine family live in its own
// folder (tests/threaded, tests/jit, tests/cc).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/runtime/tape.h"
#include "tests/support/engine_test.h"
#include "tests/support/ir_builder.h"

namespace bf::testing {
namespace {

using namespace ir;

const int32_t kFar = static_cast<int32_t>(Tape::guard_bytes()) + 1000;  // beyond the guard

RunResult overflow(uint32_t src, int64_t cell) { return {RunStatus::kTapeOverflow, src, cell}; }
RunResult underflow(uint32_t src, int64_t cell) { return {RunStatus::kTapeUnderflow, src, cell}; }

void expect_trap(const Outcome& outcome, RunStatus status, uint32_t src, int64_t cell) {
  EXPECT_EQ(outcome.result, (RunResult{status, src, cell}));
}

// run() checks every program against the naive engine, on a one-page tape unless told otherwise,
// and returns this engine's outcome for the expectations of each case.
class EngineOps : public EngineTest {
 protected:
  Outcome run(const Program& program, const RunSetup& setup = small_tape()) const {
    return EngineTest::run(program, setup);
  }
};

// Sets every cell of the small tape to 1 (p stays at cell 0).
std::vector<Op> fill_small_tape() {
  std::vector<Op> ops;
  for (int32_t i = 0; i < kSmallTape; ++i) ops.push_back(set(1, i, 0));
  return ops;
}

// ---- Straight-line ops: adds and sets wrap modulo 256, offsets are relative to p, near and far.

TEST_P(EngineOps, AddSetAndOutAtOffsets) {
  const Outcome o = run(program({add(65, 0, 0), add(200, 3, 1), add(-134, 3, 2), set(7, -0, 3),
                                 add(60, 0, 4), out(0, 5), out(3, 6), move(3, 7), out(0, 8),
                                 set(300, 1, 9), out(1, 10), add(0, 1, 11), out(1, 12)}));
  EXPECT_TRUE(o.result.ok());
  EXPECT_EQ(o.output, std::string("CBB,,"));
}

TEST_P(EngineOps, AddAndSetAtOffsetsWrapModulo256) {
  const Outcome o = run(program({add(300, 2), out(2), set(255, 2), add(3, 2), out(2),
                                      set(-2, 5), out(5)}));
  EXPECT_EQ(o.output, std::string("\x2c\x02\xfe", 3));
  EXPECT_TRUE(o.result.ok());
}

TEST_P(EngineOps, StraightLineOpsAtOffsets) {
  const Outcome o = run(numbered_program({set('A', 3), add(1, 3), out(3), move(2),
                      add(-1, 1), set(7, -2), mul_add(3, 0, -2),
                      out(), add(300), out()}));
  EXPECT_EQ(o.output, std::string("B\x15\x41"));  // 7*3 = 21; then + 300 mod 256
  EXPECT_TRUE(o.result.ok());
}

TEST_P(EngineOps, FarOffsetsUseDisp32) {
  const Outcome o = run(program({move(2000, 0), add(1, 1000, 1), add(2, -1000, 2), add(3, 127, 3),
                                 add(4, -128, 4), add(5, 128, 5), add(6, -129, 6), out(1000, 7),
                                 out(-1000, 8), out(127, 9), out(-128, 10), out(128, 11),
                                 out(-129, 12)}));
  EXPECT_EQ(o.output, std::string("\1\2\3\4\5\6", 6));
}

TEST_P(EngineOps, MovesAccumulateAndOffsetsAreRelativeToThePointer) {
  // Cell 13 is reached as 10+3, then 3+10, then 5+8.
  const Outcome o = run(program({move(10), add(65, 3), move(-7), add(1, 10), out(10), move(2),
                                      out(8)}));
  EXPECT_EQ(o.output, "BB");
}

TEST_P(EngineOps, EmptyProgramFinishes) {
  const Outcome o = run(program({}));
  EXPECT_TRUE(o.result.ok());
  EXPECT_TRUE(o.output.empty());
}

// ---- Input and output: EOF policies, output kept before a trap, output longer than the buffer.

TEST_P(EngineOps, InputReadsBytesThenAppliesTheEofPolicy) {
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

TEST_P(EngineOps, InputFollowsTheEofPolicy) {
  const Program p = program({add(7), in(), out(), in(1), in(1), out(1), add(9, 2), in(2), out(2)});
  // The second `in(1)` and the `in(2)` meet the end of the input.
  EXPECT_EQ(run(p, {.input = "ab", .eof = EofPolicy::kKeep}).output, "ab\x09");
  EXPECT_EQ(run(p, {.input = "ab", .eof = EofPolicy::kZero}).output, std::string("a\0\0", 3));
  EXPECT_EQ(run(p, {.input = "ab", .eof = EofPolicy::kMax}).output, "a\xff\xff");
  EXPECT_EQ(run(p, {.input = "", .eof = EofPolicy::kKeep}).output, std::string("\x07\0\x09", 3));
}

TEST_P(EngineOps, InputAndEveryEofPolicy) {
  const Program program = numbered_program({set(9, 1), in(1), out(1),
                                      in(1), out(1)});
  for (const EofPolicy eof : {EofPolicy::kKeep, EofPolicy::kZero, EofPolicy::kMax}) {
    const Outcome o = run(program, {.input = "x", .eof = eof, .tape_cells = kSmallTape});
    EXPECT_EQ(o.output.substr(0, 1), "x");
  }
}

TEST_P(EngineOps, OutputBeforeATrapIsKept) {
  const Outcome o = run(program({add(33, 0, 0), out(0, 1), out(0, 2), add(1, -3, 3), out(0, 4)}));
  expect_trap(o, RunStatus::kTapeUnderflow, 3, -3);
  EXPECT_EQ(o.output, "!!");
}

TEST_P(EngineOps, OutputBeforeATrapIsKeptAfterAMoveOffTheTape) {
  const Outcome o = run(program({add(72), out(), move(-5), add(1, 0, 4)}));
  EXPECT_EQ(o.output, "H");
  EXPECT_EQ(o.result, underflow(4, -5));
}

TEST_P(EngineOps, OutputBeforeATrapInsideARegionIsKept) {
  // One region: the check before it fails, yet the ops before the faulting one still run.
  const Outcome o =
      run(numbered_program({set('a', 2), out(2), add(1, 2),
                                  out(2), add(1, -2), out(2)}));
  EXPECT_EQ(o.output, "ab");
  EXPECT_EQ(o.result, underflow(numbered_src(4), -2));
}

TEST_P(EngineOps, OutputLongerThanTheBufferIsFlushedInOrder) {
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

TEST_P(EngineOps, OutputLongerThanTheBufferArrivesWhole) {
  // 255 rounds of writing 255..1 twice each: 130050 bytes, two buffer flushes and a final one.
  const Outcome o = run(program({set(255), begin(), set(255, 1), move(1), begin(), out(), out(),
                                      add(-1), end(), move(-1), add(-1), end()}));
  ASSERT_EQ(o.output.size(), 2u * 255u * 255u);
  EXPECT_GT(o.output.size(), kOutputBufferBytes);
  EXPECT_EQ(o.output.substr(0, 4), "\xff\xff\xfe\xfe");
  EXPECT_EQ(o.output.substr(o.output.size() - 2), "\x01\x01");
}

TEST_P(EngineOps, OutputLongerThanTheBufferFromFixedLoopsIsFlushedInOrder) {
  // 3 * 255 * 255 bytes from a nest of fixed loops: three times the 64 KiB buffer.
  const Outcome o = run(numbered_program({set(3), begin(), set(255, 1), move(1),
                  begin(), set(1, 1), move(1), begin(),
                  out(), add(1), end(), move(-1), add(-1),
                  end(), move(-1), add(-1), end()}));
  EXPECT_EQ(o.output.size(), 3u * 255 * 255);
  EXPECT_TRUE(o.result.ok());
}

// ---- Accesses off the tape: every kind traps at its command and names the cell.

TEST_P(EngineOps, AccessLeftOfTheTapeTraps) {
  expect_trap(run(program({add(1, 0, 0), add(1, -1, 1)})), RunStatus::kTapeUnderflow, 1, -1);
  expect_trap(run(program({set(1, -kMaxOffset, 2)})), RunStatus::kTapeUnderflow, 2, -kMaxOffset);
  expect_trap(run(program({out(-5, 3)})), RunStatus::kTapeUnderflow, 3, -5);
  expect_trap(run(program({in(-7, 4)}), small_tape("x")), RunStatus::kTapeUnderflow, 4, -7);
}

TEST_P(EngineOps, AccessPastTheTapeTraps) {
  expect_trap(run(program({add(1, kSmallTape - 1, 0), add(1, kSmallTape, 1)})),
              RunStatus::kTapeOverflow, 1, kSmallTape);
  expect_trap(run(program({set(1, kMaxOffset, 2)})), RunStatus::kTapeOverflow, 2, kMaxOffset);
  expect_trap(run(program({move(kSmallTape, 3), out(0, 4)})), RunStatus::kTapeOverflow, 4,
              kSmallTape);
}

TEST_P(EngineOps, EveryAccessTrapNamesItsCommandAndCell) {
  EXPECT_EQ(run(program({add(1, -1, 7)})).result, underflow(7, -1));
  EXPECT_EQ(run(program({set(1, 4096, 8)})).result, overflow(8, 4096));
  EXPECT_EQ(run(program({move(4000), out(100, 9)})).result, overflow(9, 4100));
  EXPECT_EQ(run(program({move(-70000), in(0, 3)})).result, underflow(3, -70000));
  // Moving off the tape is not an access; coming back and accessing is fine.
  EXPECT_TRUE(run(program({move(-100000), move(100000), add(1), out()})).result.ok());
}

TEST_P(EngineOps, EveryAccessKindTrapsAtItsCommandAndCell) {
  // Each: an access one cell beyond either end of a 4096-cell tape, after some output.
  struct Case {
    const char* what;
    Program program;
    RunResult expected;
  };
  std::vector<Case> cases;
  cases.push_back(
      {"add left", numbered_program({out(), add(1, -1)}), underflow(numbered_src(1), -1)});
  cases.push_back(
      {"set right", numbered_program({out(), set(1, 4096)}), overflow(numbered_src(1), 4096)});
  cases.push_back(
      {"out right", numbered_program({move(4000), out(96)}), overflow(numbered_src(1), 4096)});
  cases.push_back({"in left", numbered_program({in(-3)}), underflow(numbered_src(0), -3)});
  cases.push_back(
      {"muladd counter", numbered_program({mul_add(2, 1, -1)}), underflow(numbered_src2(0), -1)});
  cases.push_back({"muladd target", numbered_program({set(1), mul_add(2, -7)}),
                   underflow(numbered_src(1), -7)});
  cases.push_back({"loop begin", numbered_program({move(-1), begin(), end()}),
                   underflow(numbered_src(1), -1)});
  cases.push_back(
      {"loop end",
       numbered_program({set(1), begin(), move(-1), end()}),
       underflow(numbered_src(3), -1)});
  cases.push_back({"scan first test", numbered_program({move(4096), scan(1)}),
                   overflow(numbered_src(1), 4096)});
  cases.push_back({"walk right",
                   numbered_program({set(1), begin(), set(1, 1),
                               move(1), end()}),
                   overflow(numbered_src(2), 4096)});
  for (const int stride : {1, 2, 3, 7}) {
    // Cells 4000..4095 non-zero: a scan from 4000 runs off the right end (a later test).
    std::vector<Op> ops = {move(4000)};
    for (int c = 0; c < 96; ++c) ops.push_back(set(1, c));
    ops.push_back(scan(stride));
    const int64_t beyond = 4000 + ((95 / stride) + 1) * stride;
    cases.push_back({"scan right", numbered_program(ops), overflow(numbered_src2(97), beyond)});
  }
  for (const int stride : {-1, -2, -5}) {
    std::vector<Op> ops;
    for (int c = 0; c < 50; ++c) ops.push_back(set(1, c));
    ops.push_back(move(49));
    ops.push_back(scan(stride));
    const int64_t last = 49 + ((49 / -stride) + 1) * stride;
    cases.push_back({"scan left", numbered_program(ops), underflow(numbered_src2(51), last)});
  }
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    const Outcome o = run(c.program);
    EXPECT_EQ(o.result, c.expected) << describe(o);
  }
}

TEST_P(EngineOps, MovesBeyondTheGuardAreCheckedExplicitly) {
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

// ---- Loops: tests at both brackets, nesting, fixed loops (p never moves) and moving ones.

TEST_P(EngineOps, LoopsSkipWhenZeroAndRepeatWhileNonZero) {
  // 3 * 4 nested iterations counted in cell 2.
  const Outcome o = run(program({begin(), out(), end(), add(3), begin(), add(4, 1), move(1),
                                      begin(), add(1, 1), add(-1), end(), move(-1), add(-1), end(),
                                      out(2)}));
  EXPECT_EQ(o.output, "\x0c");
}

TEST_P(EngineOps, NestedLoopsCount) {
  // 5 * 7 iterations of an inner add: 35 + 30 = 'A'.
  const Outcome o = run(program({add(5, 0, 0), begin(1), add(7, 1, 2), move(1, 3), begin(4),
                                 add(1, 1, 5), add(-1, 0, 6), end(7), move(-1, 8), add(-1, 0, 9),
                                 end(10), add(30, 2, 11), out(2, 12)}));
  EXPECT_EQ(o.output, "A");
}

TEST_P(EngineOps, NestedLoopsEndingTogetherExitTogether) {
  // "if"-shaped nests: each inner loop leaves its cell at zero, so the enclosing ']' that
  // follows at once falls through (the decoder drops it when steps are not counted).
  const Program p = program({add(3), begin(), add(-1), add(1, 1), begin(), add(-1), add(1, 1),
                             begin(), add(-1), add(1, 1), begin(), add(-1), end(), end(), end(),
                             end(), out(1), move(5), add(2), begin(), scan(1), end(), out()});
  const Outcome o = run(p);
  EXPECT_EQ(o.output, std::string("\x03\x00", 2));
  EXPECT_EQ(run(p, {.max_steps = 100}).output, o.output);
}

TEST_P(EngineOps, MoveThenLoopEndTestsTheCellMovedTo) {
  // [>] over cells 1 1 1 0: the fused move+end must stop at cell 4 (the first zero after 1..3).
  const Outcome o = run(program({add(1), add(1, 1), add(1, 2), add(1, 3), begin(), move(1),
                                      end(), add(65), out()}));
  EXPECT_EQ(o.output, "A");
}

TEST_P(EngineOps, LoopTestReusesTheFlagsOfAnAddAtOffsetZero) {
  // `add p[0]` right before `]` and before `[`: the compare is skipped, the branch must still
  // follow the add's result, including a wrap to zero.
  const Outcome o = run(program({add(3, 0, 0), begin(1), add(2, 1, 2), add(-1, 0, 3), end(4),
                                 add(-2, 0, 5), begin(6), add(1, 0, 7), end(8), add(1, 0, 9),
                                 begin(10), add(1, 2, 11), add(1, 0, 12), end(13), out(1, 14),
                                 out(2, 15)}));
  EXPECT_EQ(o.output, std::string("\x06\xff", 2));
}

TEST_P(EngineOps, LoopTestsTrapAtTheirBracket) {
  // '[' reached with p left of the tape.
  expect_trap(run(program({move(-1, 0), begin(1), end(2)})), RunStatus::kTapeUnderflow, 1, -1);
  // [>] over a tape with no zero, as a loop: the ']' test is the first access off the tape.
  std::vector<Op> walk = fill_small_tape();
  walk.insert(walk.end(), {begin(1), move(1, 2), end(3)});
  expect_trap(run(program(walk)), RunStatus::kTapeOverflow, 3, kSmallTape);
}

TEST_P(EngineOps, LoopTestsOffTheTapeTrapAtTheirBracket) {
  EXPECT_EQ(run(program({move(-1), begin(5), end(6)})).result, underflow(5, -1));
  EXPECT_EQ(run(program({add(1), begin(3), move(4096), end(9)})).result,
            overflow(9, 4096));
  EXPECT_EQ(run(program({add(1), begin(3), move(-3), end(9)})).result,
            underflow(9, -3));
}

TEST_P(EngineOps, AWriteOrMultiplyBeforeALoopTrapsAtTheBracketWhenTheTestFallsOff) {
  // The add/set/multiply itself is on the tape; the loop test after the move is not.
  EXPECT_EQ(run(program({add(1, 0, 3), move(-1), begin(4), end(5)})).result,
            underflow(4, -1));
  EXPECT_EQ(run(program({add(1), set(2, 1, 3), move(4096), begin(4), end(5)})).result,
            overflow(4, 4096));
  EXPECT_EQ(run(program({add(1), mul_add(2, 1, 0, 7, 6), set(0, 0, 6), move(-9), begin(8),
                              end(9)}))
                .result,
            underflow(8, -9));
  // ... and the body of a loop whose test passes runs; one whose test fails is skipped.
  const Outcome o = run(program({add(2), begin(), out(), add(-1), end(), set(0), begin(),
                                      out(), end(), add(65), begin(), out(), set(0), end()}));
  EXPECT_EQ(o.output, std::string("\x02\x01") + "A");
}

TEST_P(EngineOps, FixedLoopThatNeverRunsCannotTrap) {
  // Cell 0 is zero: the loop's body, which reaches left of cell 0, is skipped.
  const Outcome o =
      run(numbered_program({begin(), add(1, -9), add(-1),
                                  end(), set('!'), out()}));
  EXPECT_TRUE(o.result.ok());
  EXPECT_EQ(o.output, "!");
}

TEST_P(EngineOps, FixedLoopBodyTrapsOnItsFirstIteration) {
  // Runs twice with a nested loop; the second outer iteration's inner loop reaches off the tape.
  const Outcome o =
      run(numbered_program({set(2), begin(), out(), add(-1),
                                  begin(), add(1, -3), set(0),
                                  end(), end()}));
  EXPECT_EQ(o.result, underflow(numbered_src(5), -3));
}

TEST_P(EngineOps, MovingLoopsWalkOffEitherEnd) {
  for (const int step : {1, 3, 8, -1, -3}) {
    SCOPED_TRACE(step);
    // Start in the middle, mark cells while walking: each iteration writes ahead and behind.
    const Program program = numbered_program({move(2000), set(1), begin(),
                                        add(1, 2), add(1, -2), out(1),
                                        move(step), set(1), end()});
    const Outcome o = run(program);
    EXPECT_NE(o.result.status, RunStatus::kOk);
  }
}

TEST_P(EngineOps, MovingLoopThatEndsBeforeTheEdge) {
  // Walks right over ten marked cells and stops on the first zero, touching cells left of it.
  std::vector<Op> ops;
  for (int c = 0; c < 10; ++c) ops.push_back(set('a' + c, c + 1));
  ops.push_back(move(1));
  ops.push_back(begin());
  ops.push_back(out());
  ops.push_back(add(1, -1));
  ops.push_back(move(1));
  ops.push_back(end());
  const Outcome o = run(numbered_program(ops));
  EXPECT_EQ(o.output, "abcdefghij");
  EXPECT_TRUE(o.result.ok());
}

TEST_P(EngineOps, DeeplyNestedLoopsCompileAndRun) {
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

TEST_P(EngineOps, LoopsNestedDeeperThanTheCompilerIsGivenStillRun) {
  // 300 nested loops (the deepest ones run on the checked path), output inside, then a trap.
  std::vector<Op> ops = {set(1)};
  for (int d = 0; d < 300; ++d) ops.push_back(begin());
  ops.push_back(set('d', 1));
  ops.push_back(out(1));
  ops.push_back(set(0));
  for (int d = 0; d < 300; ++d) ops.push_back(end());
  ops.push_back(move(1));
  ops.push_back(begin());
  for (int d = 0; d < 270; ++d) ops.push_back(begin());
  ops.push_back(out());
  ops.push_back(move(-7));
  for (int d = 0; d < 270; ++d) ops.push_back(end());
  ops.push_back(end());
  const Program program = numbered_program(ops);
  Outcome o = run(program);
  EXPECT_EQ(o.result.status, RunStatus::kTapeUnderflow);
  EXPECT_EQ(o.output, "dd");
  for (const uint64_t steps : {1, 300, 301, 580}) {
    SCOPED_TRACE(steps);
    run(program, {.tape_cells = kSmallTape, .max_steps = steps});
  }
}

// ---- Scans: where they stop, and which bracket traps when they leave the tape.

TEST_P(EngineOps, ScanStopsAtTheFirstZero) {
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

TEST_P(EngineOps, ScansStopAtTheFirstZeroInTheirDirection) {
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
    const Outcome o = run(p);
    EXPECT_EQ(o.output, "B\x01");
  }
}

TEST_P(EngineOps, ScansOfEveryStrideStopAtTheFirstZeroAroundTheirStart) {
  for (const int stride : {1, -1, 2, -2, 5}) {
    SCOPED_TRACE(stride);
    std::vector<Op> ops = {move(100)};
    for (int c = -30; c <= 30; ++c) ops.push_back(set(c == 3 * stride ? 0 : 1, c));
    ops.push_back(scan(stride));
    ops.push_back(set('0'));
    ops.push_back(out());
    ops.push_back(out(-stride));
    const Outcome o = run(numbered_program(ops));
    EXPECT_EQ(o.output, std::string("0\x01", 2));
  }
}

TEST_P(EngineOps, ScanOnAZeroCellDoesNotMove) {
  EXPECT_EQ(run(program({scan(1), add(1), out(), move(1), scan(-1), out()})).output,
            std::string("\x01\x00", 2));
}

TEST_P(EngineOps, ScanLongDistances) {
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

TEST_P(EngineOps, ScansFindAZeroInTheLastCellTheyCanReach) {
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
    const Outcome o = run(p);
    EXPECT_TRUE(o.result.ok());
    EXPECT_EQ(o.output, "\x07\x01");
  }
}

TEST_P(EngineOps, ScanFirstTestTrapsAtTheOpeningBracket) {
  expect_trap(run(program({move(-2, 0), scan(1, 1, 2)})), RunStatus::kTapeUnderflow, 1, -2);
  expect_trap(run(program({move(kSmallTape + 3, 0), scan(-4, 1, 2)})), RunStatus::kTapeOverflow,
              1, kSmallTape + 3);
}

TEST_P(EngineOps, ScanStartingOffTheTapeTrapsAtItsOpeningBracket) {
  EXPECT_EQ(run(program({move(-2), scan(1, 5, 6)})).result, underflow(5, -2));
  EXPECT_EQ(run(program({move(4096), scan(-1, 5, 6)})).result, overflow(5, 4096));
}

TEST_P(EngineOps, ScanRunningOffTheTapeTrapsAtItsClosingBracketOnTheFirstCellOutside) {
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
    EXPECT_EQ(run(p).result, tape_trap(cell, 12));
  }
}

TEST_P(EngineOps, ScanWithAStrideBeyondTheGuardIsChecked) {
  // Each step jumps further than the guard region; the explicit check names the ']'.
  const Outcome right = run(program({set(1, 0, 0), scan(kFar, 1, 2)}));
  expect_trap(right, RunStatus::kTapeOverflow, 2, kFar);
  const Outcome left = run(program({move(100, 0), set(1, 0, 1), scan(-kFar, 2, 3)}));
  expect_trap(left, RunStatus::kTapeUnderflow, 3, 100 - kFar);
  const Outcome stop =
      run(program({set(1, 0, 0), scan(kFar, 1, 2)}), RunSetup{.tape_cells = 1 << 20});
  EXPECT_TRUE(stop.result.ok());
}

// ---- Multiplies: MulAdd alone and in groups, counters, targets and traps; whole multiply loops.

TEST_P(EngineOps, MulAddFactorsAndGroups) {
  // counter 3 at p[0]: targets get 3*f mod 256 for f = 1, -1, 2, 100, 256 (adds 0), -128.
  const Outcome o = run(program({set(3, 0, 0), set(10, 6, 1), mul_add(1, 1, 0, 2, 3),
                                 mul_add(-1, 2, 0, 4, 3), mul_add(2, 3, 0, 5, 3),
                                 mul_add(100, 4, 0, 6, 3), mul_add(256, 5, 0, 7, 3),
                                 mul_add(-128, 6, 0, 8, 3), set(0, 0, 9), out(1, 10), out(2, 11),
                                 out(3, 12), out(4, 13), out(5, 14), out(6, 15), out(0, 16)}));
  EXPECT_EQ(o.output, std::string("\x03\xfd\x06\x2c\x00\x8a\x00", 7));
}

TEST_P(EngineOps, MulAddAddsTheProductOnlyWhenTheCounterIsNonZero) {
  const Outcome o = run(program({add(3), mul_add(5, 1), mul_add(-2, 2), mul_add(200, 3),
                                      mul_add(7, 4, 5), out(1), out(2), out(3), out(4)}));
  EXPECT_EQ(o.output, std::string("\x0f\xfa\x58\x00", 4));
}

TEST_P(EngineOps, MulAddWithAnOffsetCounterAndMixedGroups) {
  // Two groups back to back with different counters; the second counter is a target of the first.
  const Outcome o = run(program({move(10, 0), set(2, 5, 0), set(3, 7, 1), mul_add(4, 7, 5, 2, 3),
                                 mul_add(1, -2, 5, 4, 3), mul_add(2, 9, 7, 5, 6),
                                 mul_add(-1, 5, 7, 7, 6), out(7, 8), out(-2, 9), out(9, 10),
                                 out(5, 11)}));
  EXPECT_EQ(o.output, std::string("\x0b\x02\x16\xf7", 4));
}

TEST_P(EngineOps, MulAddsWithDifferentCountersStaySeparate) {
  const Outcome o = run(program({add(2), add(3, 1), mul_add(1, 2, 0), mul_add(1, 2, 1),
                                      set(0, 1), out(2), out(1)}));
  EXPECT_EQ(o.output, std::string("\x05\x00", 2));
}

TEST_P(EngineOps, ASetAfterAGroupThatIsNotTheCounterClearIsKept) {
  const Outcome o = run(program({add(2), mul_add(1, 1), set(9, 0), out(), out(1), mul_add(1, 2),
                                      set(0, 2), out(2)}));
  EXPECT_EQ(o.output, std::string("\x09\x02\x00", 3));
}

TEST_P(EngineOps, MultiplyGroupsBehaveAsTheirMulAddsInOrder) {
  // A whole multiply loop: counter 6, targets at +1 (x2), -1 (x-1), +3 (x255), then clear.
  const Outcome o = run(program({move(5), add(6), mul_add(2, 1), mul_add(-1, -1),
                                      mul_add(255, 3), set(0), out(), out(1), out(-1), out(3)}));
  EXPECT_EQ(o.output, std::string("\x00\x0c\xfa\xfa", 4));
  // The same without the clear: the counter keeps its value.
  const Outcome kept = run(program({move(5), add(6), mul_add(2, 1), mul_add(-1, -1), out()}));
  EXPECT_EQ(kept.output, "\x06");
  // Set stores its value mod 256, so a Set 256 of the counter is its clear.
  const Outcome wrapped = run(program({add(3), mul_add(1, 1), set(256), out(), out(1)}));
  EXPECT_EQ(wrapped.output, std::string("\x00\x03", 2));
  // With a zero counter every target is skipped, even ones off the tape, and the clear is harmless.
  EXPECT_TRUE(
      run(program({mul_add(1, -3, 0, 1, 0), mul_add(1, 5000, 0, 2, 0), set(0)})).result.ok());
}

TEST_P(EngineOps, MulAddCounterReadTrapsEvenWhenTheTargetIsFine) {
  expect_trap(run(program({mul_add(1, 1, -1, 5, 4)})), RunStatus::kTapeUnderflow, 4, -1);
  expect_trap(run(program({move(kSmallTape - 1, 0), mul_add(2, -1, 1, 5, 4)})),
              RunStatus::kTapeOverflow, 4, kSmallTape);
}

TEST_P(EngineOps, MulAddReadsTheCounterAtItsBracketAndTheTargetAtItsCommand) {
  // Counter off the tape: the '[' (src2) traps, even though the target is fine.
  EXPECT_EQ(run(program({mul_add(1, 1, -1, 4, 3)})).result, underflow(3, -1));
  // Counter zero: the target is never accessed, so an off-tape target does not trap.
  EXPECT_TRUE(run(program({mul_add(1, -1, 0, 4, 3)})).result.ok());
  // Counter non-zero: the target's command (src) traps.
  EXPECT_EQ(run(program({add(1), mul_add(1, -1, 0, 4, 3)})).result,
            underflow(4, -1));
  EXPECT_EQ(run(program({move(4095), add(1), mul_add(1, 2, 0, 4, 3)})).result,
            overflow(4, 4097));
}

TEST_P(EngineOps, MulAddTargetIsOnlyTouchedWhenTheCounterIsNonZero) {
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

TEST_P(EngineOps, MultiplyWithZeroCounterNeverTouchesItsTarget) {
  // The target lies off the tape on both sides; the counter is zero, so nothing traps.
  const Outcome o =
      run(numbered_program({mul_add(3, -40), move(4095),
                                  mul_add(3, 40), set('k'), out()}));
  EXPECT_TRUE(o.result.ok()) << describe(o);
  EXPECT_EQ(o.output, "k");
}

TEST_P(EngineOps, MultiplyGroupTrapsAtTheFirstTargetOffTheTapeAfterEarlierTargetsWereWritten) {
  const Outcome o = run(program({add(2), mul_add(1, 1, 0, 10, 9), mul_add(1, -1, 0, 11, 9),
                                      mul_add(1, 2, 0, 12, 9), set(0, 0, 9)}));
  EXPECT_EQ(o.result, underflow(11, -1));
  const Outcome counter = run(program({move(-1), mul_add(1, 2, 0, 10, 9),
                                            mul_add(1, 3, 0, 11, 9), set(0, 0, 9)}));
  EXPECT_EQ(counter.result, underflow(9, -1));
  // Counter at an offset (the optimizer's offset addressing); the clear writes the counter.
  const Outcome offset = run(program({add(4, 2), mul_add(3, 1, 2), mul_add(1, 3, 2),
                                           set(0, 2), out(1), out(2), out(3)}));
  EXPECT_EQ(offset.output, std::string("\x0c\x00\x04", 3));
}

TEST_P(EngineOps, WholeMultiplyLoopsStopAtAZeroCell) {
  // Counter cells 3, 2, 1 at 10, 11, 12 are moved (times 2) two cells left, until cell 13 (0).
  const Outcome o = run(program({add(3, 10), add(2, 11), add(1, 12), move(10), begin(),
                                      mul_add(2, -2), set(0), move(1), end(), out(), out(-5),
                                      out(-4), out(-3), out(-2), out(-1)}));
  EXPECT_EQ(o.output, std::string("\x00\x06\x04\x02\x00\x00", 6));
}

// A loop that is one multiply (`[` muladd p[target] += p[from]*3, set p[from] = 1, move `]`) walks
// over non-zero cells towards an end of the tape until one of its accesses falls off: the
// counter, the target or the loop test, whichever comes first, for every shape nearby.
TEST_P(EngineOps, WholeMultiplyLoopsTrapAtTheFirstAccessOffTheTape) {
  for (int32_t step : {-3, -2, -1, 1, 2, 3}) {
    for (int32_t from = -2; from <= 2; ++from) {
      for (int32_t target = -3; target <= 3; ++target) {
        if (target == from) continue;
        SCOPED_TRACE("move " + std::to_string(step) + " from " + std::to_string(from) +
                     " target " + std::to_string(target));
        const int32_t start = step > 0 ? static_cast<int32_t>(kSmallTape) - 30 : 30;
        Program p = program({move(start)});
        for (int32_t cell = -30; cell < 30; ++cell) p.ops.push_back(add(1 + (cell & 3), cell));
        for (const Op& op : {begin(100), mul_add(3, target, from, 101, 100), set(1, from, 100),
                             move(step), end(102)}) {
          p.ops.push_back(op);
        }
        link_loops(p);
        const Outcome o = run(p);
        EXPECT_NE(o.result.status, RunStatus::kOk);
        run(p, {.tape_cells = kSmallTape, .max_steps = 7});
      }
    }
  }
}

// The same for a loop whose body mixes an add, a multiply and a set (one block-loop instruction):
// every slot kind's access, and the loop test, may be the first to leave the tape.
TEST_P(EngineOps, BlockLoopsTrapAtTheFirstAccessOffTheTape) {
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
          for (const Op& op : {begin(100), add(1, added, 101), mul_add(3, target, from, 102, 103),
                               set(1, from, 104), move(step), end(105)}) {
            p.ops.push_back(op);
          }
          link_loops(p);
          const Outcome o = run(p);
          traps += o.result.status != RunStatus::kOk;
          run(p, {.tape_cells = kSmallTape, .max_steps = 5});
        }
      }
    }
  }
  EXPECT_GT(traps, 200);  // nearly every walk reaches an end of the tape
}

BF_INSTANTIATE_ENGINE_TEST(Engines, EngineOps, engines_under_test());

}  // namespace
}  // namespace bf::testing
