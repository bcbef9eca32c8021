// The rewrites a pass must refuse or get exactly right: odd vs even clears, `+-` that traps,
// multiply loops that are not, trap positions of every idiom, offsets past the limit, and the
// step budget. Each program runs on the naive engine at every level against O0.
#include <gtest/gtest.h>

#include <string>

#include "core/ir_printer.h"
#include "core/parser.h"
#include "core/passes/pipeline.h"
#include "tests/support/engine_runner.h"
#include "tests/support/random_program.h"

namespace bf::testing {
namespace {

constexpr uint64_t kPage = 4096;  // the smallest tape

const EngineInfo& naive() { return engine_named("naive"); }

// Runs `code` at every level and expects what O0 gives; returns O0's outcome for further checks.
Outcome same_at_every_level(const std::string& code, const RunSetup& setup = {}) {
  const Outcome want = run_reference(code, setup);
  for (int level = 1; level <= kMaxLevel; ++level) {
    const Outcome got = run_code(naive(), code, level, setup);
    EXPECT_EQ(got.output, want.output) << "-O" << level;
    EXPECT_EQ(got.result.status, want.result.status) << "-O" << level;
    EXPECT_EQ(got.result.src, want.result.src) << "-O" << level << ": trap names another command";
    EXPECT_EQ(got.result.cell, want.result.cell) << "-O" << level;
  }
  return want;
}

bool has_loop(const std::string& code, int level) {
  for (const Op& op : optimize(parse(Source("t.b", code)), level, {}, true).ops) {
    if (op.kind == OpKind::kLoopBegin) return true;
  }
  return false;
}

std::string moves(size_t count) { return std::string(count, '>'); }

TEST(Safety, EvenStepClearLoopStaysALoop) {
  RunSetup limited;
  limited.max_steps = 1000;
  // 1 is odd: `[--]` never reaches 0, at any level.
  EXPECT_EQ(same_at_every_level("+[--]", limited).result.status, RunStatus::kStepLimit);
  EXPECT_EQ(same_at_every_level("++[--]+.", limited).output, "\x01");
  for (int level = 0; level <= kMaxLevel; ++level) EXPECT_TRUE(has_loop("+[--]", level)) << level;
  EXPECT_FALSE(has_loop("+[---]", 2));
}

TEST(Safety, CancelledAddOffTheTapeStillTrapsAtThePlus) {
  const Outcome left = same_at_every_level("<+-");
  EXPECT_EQ(left.result, (RunResult{RunStatus::kTapeUnderflow, 1, -1}));
  RunSetup page;
  page.tape_cells = kPage;
  const Outcome right = same_at_every_level(moves(kPage) + "+-", page);
  EXPECT_EQ(right.result, (RunResult{RunStatus::kTapeOverflow, kPage, kPage}));
  // A `+-` inside a block after a move is kept even when offset addressing folds the move.
  EXPECT_EQ(same_at_every_level("+>>>+<<<<+->").result, (RunResult{RunStatus::kTapeUnderflow, 9, -1}));
}

TEST(Safety, MultiplyTargetOffTheTapeTrapsAtItsOwnCommand) {
  EXPECT_EQ(same_at_every_level("+[-<+>]").result, (RunResult{RunStatus::kTapeUnderflow, 4, -1}));
  RunSetup page;
  page.tape_cells = kPage;
  // Counter at the second-to-last cell, targets at +1 (fine) then +2 (off the end).
  const std::string code = moves(kPage - 2) + "++[->+>+++<<]";
  const Outcome o = same_at_every_level(code, page);
  EXPECT_EQ(o.result, (RunResult{RunStatus::kTapeOverflow, static_cast<uint32_t>(kPage + 5), kPage}));
}

TEST(Safety, MultiplyCounterOffTheTapeTrapsAtTheBracket) {
  EXPECT_EQ(same_at_every_level("<[->+<]").result, (RunResult{RunStatus::kTapeUnderflow, 1, -1}));
}

TEST(Safety, MultiplyWithAZeroCounterTouchesNoTarget) {
  // At O0 the loop never runs, so its target left of the tape is never touched.
  const Outcome o = same_at_every_level(">[-<<+>>].");
  EXPECT_TRUE(o.result.ok());
  EXPECT_EQ(o.output, std::string(1, '\0'));
}

TEST(Safety, MultiplyLoopsWithIoOrUnbalancedMovesStayLoops) {
  EXPECT_TRUE(has_loop("+[->+.<]", 3));
  EXPECT_TRUE(has_loop("+[->+,<]", 3));
  EXPECT_TRUE(has_loop("+[->+<<]", 3));
  EXPECT_TRUE(has_loop("+[-->+<]", 3));
  EXPECT_EQ(same_at_every_level("+++[->++.<]").output, "\x02\x04\x06");
  RunSetup input;
  input.input = "\x05";
  EXPECT_EQ(same_at_every_level(",[->+>+<<]>.>.", input).output, "\x05\x05");
}

TEST(Safety, CounterThatCountsUpRunsTheComplementTimes) {
  // 5 counts up to 256 in 251 steps, adding 3 each: 753 mod 256 = 241.
  EXPECT_EQ(same_at_every_level("+++++[+>+++<]>.").output, "\xf1");
  // Factors wrap: 3 * 200 = 600 = 88 mod 256.
  EXPECT_EQ(same_at_every_level("+++[->" + std::string(200, '+') + "<]>.").output, "\x58");
}

TEST(Safety, ClearAndScanTrapAtTheRightBracket) {
  EXPECT_EQ(same_at_every_level("<[-]").result, (RunResult{RunStatus::kTapeUnderflow, 1, -1}));
  EXPECT_EQ(same_at_every_level("<[>]").result, (RunResult{RunStatus::kTapeUnderflow, 1, -1}));
  // The first test is in bounds; the one after the move reports the `]`.
  EXPECT_EQ(same_at_every_level("+[<]").result, (RunResult{RunStatus::kTapeUnderflow, 3, -1}));
  EXPECT_EQ(same_at_every_level("+>+>+[<<<<]").result, (RunResult{RunStatus::kTapeUnderflow, 10, -2}));
}

TEST(Safety, CollapsedLoopTrapsWhereO0Does) {
  RunSetup page;
  page.tape_cells = kPage;
  // A counted loop resetting a cell just past the end: O0 traps at that cell's `[` (byte 4100).
  // The counter comes from input, so known-cells cannot run the collapsed loop at compile time.
  const std::string code = moves(kPage - 2) + ",++[>>[-]<<-]";
  EXPECT_TRUE(has_loop(code, 3));
  page.input = "\x01";
  const Outcome o = same_at_every_level(code, page);
  EXPECT_EQ(o.result, (RunResult{RunStatus::kTapeOverflow, static_cast<uint32_t>(kPage + 4), kPage}));
  // With the reset cell in bounds the loop runs and leaves the right values.
  EXPECT_EQ(same_at_every_level(">+++++[>++++[-]+<-<+++>]<.>>.").output, "\x0f\x01");
}

TEST(Safety, CountersWithAnyOddStepRunTheInverseTimes) {
  // 1 + 3n = 0 mod 256 at n = 85: the target gets 2 * 85 = 170.
  EXPECT_EQ(same_at_every_level("+[+++>++<]>.").output, "\xaa");
  // 10 - 7n = 0 mod 256 at n = 38; then 38 turns of a collapsed body adding 5: 190.
  EXPECT_EQ(same_at_every_level(">,[>[-]+<<+++++>-------]<.>>.", RunSetup{.input = "\x0a"}).output,
            "\xbe\x01");
  EXPECT_FALSE(has_loop(",[>+<---]", 3));
  EXPECT_TRUE(has_loop(",[>+<--]", 3));  // even: may never end
}

TEST(Safety, KnownCellsKeepTheAccessesOfCellsNoOpHasTouched) {
  // Every cell starts at 0, but a test or write of a cell off the tape must still trap there.
  RunSetup page;
  page.tape_cells = kPage;
  EXPECT_EQ(same_at_every_level(moves(kPage) + "[.]", page).result,
            (RunResult{RunStatus::kTapeOverflow, kPage, kPage}));
  EXPECT_EQ(same_at_every_level(moves(kPage) + "[-]", page).result,
            (RunResult{RunStatus::kTapeOverflow, kPage, kPage}));
  EXPECT_EQ(same_at_every_level(moves(kPage) + "+-", page).result,
            (RunResult{RunStatus::kTapeOverflow, kPage, kPage}));
  EXPECT_EQ(same_at_every_level("<[>]").result, (RunResult{RunStatus::kTapeUnderflow, 1, -1}));
  EXPECT_EQ(same_at_every_level("++[>+<-]<<[->+<]").result,
            (RunResult{RunStatus::kTapeUnderflow, 10, -2}));
  // A loop that runs once, whose counter is known, still traps inside at its command.
  EXPECT_EQ(same_at_every_level("+[<<+>>[-]]").result, (RunResult{RunStatus::kTapeUnderflow, 4, -2}));
}

TEST(Safety, KnownCellsFollowValuesThroughLoops) {
  // p[1] is set before the first loop and not written in it: still 4 after it, so the doubling
  // adds 8 to the 3 moved into p[2].
  EXPECT_EQ(same_at_every_level(">++++<,[>>+<<-]>[->++<]>.<.", RunSetup{.input = "\x03"}).output,
            std::string("\x0b\x00", 2));
  // A conditional (runs at most once) that zeroes its flag; after it p[1] is 7 or 9.
  EXPECT_EQ(same_at_every_level(">+++++++<,[>++<[-]]>.", RunSetup{.input = "\x01"}).output, "\x09");
  EXPECT_EQ(same_at_every_level(">+++++++<,[>++<[-]]>.", RunSetup{.input = std::string(1, '\0')}).output,
            "\x07");
}

TEST(Safety, NestedCountedLoopsWithAnAtMostOnceInnerLoop) {
  const RunSetup three{.input = "\x03"};
  // The nest collapses (p[+1] is 0 at every head of the outer loop): the values are the same.
  EXPECT_EQ(same_at_every_level(",[>+++[>++++[-]+<-]<-]>.>.", three).output,
            std::string("\0\1", 2));
  // With a known outer counter nothing is left to run.
  EXPECT_EQ(same_at_every_level(">+[>+++[>++++[-]<-]<-]>>.").output, std::string("\0", 1));
  EXPECT_FALSE(has_loop(">+[>+++[>++++[-]<-]<-]", 3));
  // p[+1] is 1, not 0, at the back edge: the middle loop's test stays, and its turns grow.
  EXPECT_EQ(same_at_every_level(",[>+++[>++[-]>+<<-]+<-]>.>>.", three).output, "\x01\x0b");
  // p[+1] unknown at entry (input), or read inside.
  const RunSetup two_five{.input = "\x02\x05"};
  EXPECT_EQ(same_at_every_level(",>,<[>+++[>+[-]>+<<-]<-]>>>.", two_five).output, "\x0b");
  EXPECT_EQ(same_at_every_level(",[>+++[>+[-]>+<<-],<-]>>>.", RunSetup{.input = "\x03\x01\x00\x02"})
                .output,
            "\n");
  // Output inside the innermost loop: every turn still prints.
  EXPECT_EQ(same_at_every_level(",[>++[>+++.[-]<-]<-]", RunSetup{.input = "\x02"}).output,
            "\x03\x03\x03\x03");
  // A trap inside the nest: the reset cell is past the end of the tape. O0 traps at its first `+`.
  RunSetup page;
  page.tape_cells = kPage;
  page.input = "\x02";
  const std::string code = moves(kPage - 3) + ",[>++[>++[>+[-]<-]<-]<-]";
  const Outcome o = same_at_every_level(code, page);
  EXPECT_EQ(o.result.status, RunStatus::kTapeOverflow);
  EXPECT_EQ(o.result.src, static_cast<uint32_t>(kPage - 3 + 11));
  // With the counter cell at the edge instead: the trap is at that counter's `+`.
  const Outcome edge = same_at_every_level(moves(kPage - 2) + ",[>++[>++[-]<-]<-]", page);
  EXPECT_EQ(edge.result.status, RunStatus::kTapeOverflow);
}

TEST(Safety, OffsetsBeyondTheLimitAreSplitAndStillRight) {
  const size_t far = static_cast<size_t>(kMaxOffset) + 7;
  const std::string code = "+" + moves(far) + "++.<-." + std::string(far - 1, '<') + ".";
  const Outcome o = same_at_every_level(code);
  EXPECT_TRUE(o.result.ok());
  EXPECT_EQ(o.output, std::string("\x02\xff\x01", 3));
}

TEST(Safety, ZeroNetAddsOnlyVanishWhereTheCellWasJustAccessed) {
  // After `.` the cell is known to be on the tape; after a move it is not.
  EXPECT_EQ(print_ir(optimize(parse(Source("t.b", ".+-")), 1)), "0     out p[0]                          @0\n");
  EXPECT_EQ(print_ir(optimize(parse(Source("t.b", ">+-")), 1)),
            "0     move p += 1                       @0\n"
            "1     add p[0] += 0                     @1\n");
}

// Smallest step budget with which naive O0 finishes `code`, found by bisection (0: no loops).
uint64_t steps_needed(const RandomProgram& program, uint64_t limit) {
  RunSetup setup;
  setup.input = program.input;
  setup.eof = program.eof;
  setup.tape_cells = program.tape_cells;
  uint64_t low = 1, high = limit;
  setup.max_steps = high;
  if (run_reference(program.code, setup).result.status == RunStatus::kStepLimit) return limit + 1;
  while (low < high) {
    setup.max_steps = (low + high) / 2;
    if (run_reference(program.code, setup).result.status == RunStatus::kStepLimit) {
      low = setup.max_steps + 1;
    } else {
      high = setup.max_steps;
    }
  }
  return high;
}

TEST(Safety, SeeksStopAtTheValueAndTrapAtThePlus) {
  // Cells 1..3 hold 4, 0, 7, cell 4 the marker 255: the walk leaves them as they were, takes 1
  // from cell 0 and clears the marker.
  EXPECT_EQ(same_at_every_level("++>++++>>+++++++>-<<<<[->+]<<<<.>.>.>.>.").output,
            std::string("\x01\x04\x00\x07\x00", 5));
  // Stride -2, amount 3: the marker is 253.
  EXPECT_EQ(same_at_every_level(">>--->>+>>+++[---<<+++].>>.>>.").output,
            std::string("\x00\x01\x00", 3));
  // No marker: the walk runs off either end; the trap names the `+` and the first cell off.
  const Outcome right = same_at_every_level("+[->+]");
  EXPECT_EQ(right.result.status, RunStatus::kTapeOverflow);
  EXPECT_EQ(right.result.src, 4u);
  const Outcome left = same_at_every_level(">>+[-<<+]");
  EXPECT_EQ(left.result, (RunResult{RunStatus::kTapeUnderflow, 7, -2}));
  EXPECT_FALSE(has_loop("+[->+]", 3));  // entered for certain: no loop left around the seek
}

TEST(Safety, MultipliesGiveO0sProductAndTrapWhereO0Does) {
  // t += a * b with every mix of zero, small, odd and wrapping factors.
  const std::string multiply = ",>,<[>[->+>+<<]>>[-<<+>>]<<<-]>>.";
  const std::string twice_plus_three = ",>,<[>[->+>+<<]>>[-<<+>>]<+++<<---]>>.";
  ASSERT_NE(print_ir(optimize(parse(Source("t.b", multiply)), 3, {}, true)).find("product"),
            std::string::npos);
  for (const char* input : {"\x03\x04", "\x00\x07", "\x07\x00", "\xff\xff", "\x81\x03"}) {
    RunSetup setup;
    setup.input = std::string(input, 2);
    EXPECT_EQ(same_at_every_level(multiply, setup).output.size(), 1u) << int(input[0]);
    same_at_every_level(twice_plus_three, setup);
    // At the tape's left end: the first turn's first access (the inner `[` at byte 3) traps.
    same_at_every_level(",[<[-<+<+>>]<<[->>+<<]>>>-]", setup);
    // At its right end, with the target last: a zero b never touches it.
    RunSetup page = setup;
    page.tape_cells = kPage;
    same_at_every_level(moves(kPage - 3) + ",>,<[>[->>+<+<]>[-<+>]<<-]>>>.", page);
    same_at_every_level(moves(kPage - 2) + ",>,<[>[->+>+<<]>>[-<<+>>]<<<-]>>.", page);
  }
  // b is 0 on the first turn and 5 (the temporary's start) on the second, whose access of the
  // target, off the tape's end, traps at its `+`: the target is never certainly on the tape, so
  // the loop is not rewritten.
  RunSetup late;
  late.input = std::string("\x02\x00", 2);
  late.tape_cells = kPage;
  const Outcome second_turn =
      same_at_every_level(moves(kPage - 3) + ",>,>+++++<<[>[->>+<+<]>[-<+>]<<-]", late);
  EXPECT_EQ(second_turn.result, (RunResult{RunStatus::kTapeOverflow,
                                           static_cast<uint32_t>(kPage - 3 + 17), kPage}));
  // The step budget of O0 suffices at every level.
  RunSetup limited;
  limited.input = "\x05\x06";
  limited.max_steps = 1;
  while (run_reference(multiply, limited).result.status == RunStatus::kStepLimit) {
    ++limited.max_steps;
  }
  EXPECT_EQ(same_at_every_level(multiply, limited).output, "\x1e");
}

TEST(Safety, NoLevelNeedsMoreStepsThanO0) {
  constexpr uint64_t kLimit = 50000;
  int checked = 0;
  for (uint64_t seed = 0; seed < 150; ++seed) {
    const RandomProgram program = random_program(seed);
    const uint64_t needed = steps_needed(program, kLimit);
    if (needed > kLimit) continue;
    RunSetup setup;
    setup.input = program.input;
    setup.eof = program.eof;
    setup.tape_cells = program.tape_cells;
    setup.max_steps = needed;
    const Outcome want = run_reference(program.code, setup);
    for (int level = 1; level <= kMaxLevel; ++level) {
      const Outcome got = run_code(naive(), program.code, level, setup);
      EXPECT_EQ(got.result, want.result) << "seed " << seed << " -O" << level << " with " << needed
                                         << " steps";
      EXPECT_EQ(got.output, want.output) << "seed " << seed << " -O" << level;
    }
    ++checked;
  }
  EXPECT_GT(checked, 50);
}

}  // namespace
}  // namespace bf::testing
