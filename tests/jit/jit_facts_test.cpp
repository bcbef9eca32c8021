// What the JITs learn while compiling, against the naive engine: cells whose value is known (ops
// on them need not read them, loop tests on them need no compare) and peeled loops (a walk whose
// iterations leave a target known to hold zero). Results, traps and step counts must be exactly
// the naive engine's -- in a loop's first iteration and in the later ones.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/jit/jit_engines.h"
#include "tests/support/ir_builder.h"

namespace bf::testing {
namespace {

using namespace ir;

RunSetup small_tape_within(uint64_t max_steps) {
  RunSetup setup = small_tape();
  setup.max_steps = max_steps;
  return setup;
}

class JitFacts : public EngineTest {
 protected:
  Outcome run(const Program& program, const RunSetup& setup = small_tape()) const {
    return EngineTest::run(program, setup);
  }
};

TEST_P(JitFacts, OpsOnCellsOfKnownValue) {
  // p[1] = 2 + 3; p[0] = input; p[4] = 0 + p[0]; p[5] = 5 + 3 * p[0]; p[2] += 2 * p[1];
  // p[0] = 0; p[3] += p[0] (nothing); all printed.
  const Program known =
      program({set(2, 1, 0), add(3, 1, 1), in(0, 2), set(0, 4, 3), set(5, 5, 4),
               mul_add(1, 4, 0, 5, 6), mul_add(3, 5, 0, 7, 6), mul_add(2, 2, 1, 8, 9), set(0, 0, 10),
               mul_add(1, 3, 0, 11, 12), out(1, 13), out(2, 14), out(3, 15), out(4, 16),
               out(5, 17)});
  const Outcome o = run(known, small_tape("A"));
  EXPECT_TRUE(o.result.ok());
  EXPECT_EQ(o.output, std::string("\5\12\0A\xc8", 5));  // 5, 10, 0, 65, 5 + 195
  // With a zero counter the known targets keep their values.
  EXPECT_EQ(run(known, small_tape(std::string(1, '\0'))).output, std::string("\5\12\0\0\5", 5));
}

TEST_P(JitFacts, LoopTestsDecidedWhenCompilingStillCountSteps) {
  // [skipped] p[0] = 1 [entered, p[0] = 0 ] -- three loop tests, none compared at run time.
  const Program decided = program({begin(0), add(1, 0, 1), end(2), set(1, 0, 3), begin(4),
                                   set(0, 0, 5), end(6), add(66, 1, 7), out(1, 8)});
  EXPECT_EQ(run(decided).output, "B");
  for (uint64_t steps = 1; steps <= 4; ++steps) {
    SCOPED_TRACE("max steps " + std::to_string(steps));
    expect_same_as_naive(engine(), decided, small_tape_within(steps));
  }
}

// while p[0]: p[10] += p[1]; p[1] = 0; p -= 9 -- mandelbrot's shift, the case peeling is for:
// `elements` markers (cells 18 + 9k, non-zero) with values k + 1 beside them (18 + 9k + 1); the
// walk starts at the last element and stops on cell 9 (zero), having moved every value one element
// right; then all the value cells are printed.
Program shift(int32_t elements) {
  std::vector<Op> ops;
  for (int32_t k = 0; k < elements; ++k) {
    ops.push_back(set(1, 18 + 9 * k, 0));
    ops.push_back(set(k + 1, 18 + 9 * k + 1, 0));
  }
  const std::vector<Op> walk{move(18 + 9 * (elements - 1), 1), begin(2), mul_add(1, 10, 1, 3, 2),
                             set(0, 1, 4), move(-9, 5), end(6)};
  ops.insert(ops.end(), walk.begin(), walk.end());
  for (int32_t k = 0; k <= elements; ++k) ops.push_back(out(9 * k + 10, 7));
  return program(ops);
}

TEST_P(JitFacts, APeeledWalkMatchesNaive) {
  EXPECT_EQ(run(shift(1)).output, std::string("\0\1", 2));
  EXPECT_EQ(run(shift(4)).output, std::string("\0\1\2\3\4", 5));
  run(shift(30));
}

TEST_P(JitFacts, APeeledWalkCountsEveryLoopTest) {
  const Program walk = shift(5);  // 5 iterations: 6 loop tests
  for (uint64_t steps = 1; steps <= 7; ++steps) {
    SCOPED_TRACE("max steps " + std::to_string(steps));
    expect_same_as_naive(engine(), walk, small_tape_within(steps));
  }
}

// Cells [from, to] all non-zero, then from `start` the walk
// `while p[0]: p[target] += p[1]; p[1] = 0; p += step`.
Program walk_over(int32_t from, int32_t to, int32_t start, int32_t target, int32_t step) {
  std::vector<Op> ops;
  for (int32_t c = from; c <= to; ++c) ops.push_back(set(1 + c % 5, c, 0));
  const std::vector<Op> walk{move(start, 1), begin(2), mul_add(1, target, 1, 3, 2), set(0, 1, 4),
                             move(step, 5), end(6)};
  ops.insert(ops.end(), walk.begin(), walk.end());
  return program(ops);
}

TEST_P(JitFacts, APeeledWalkOffTheTapeStartTrapsAtTheLoopTestOfEveryIteration) {
  // Leftwards over non-zero cells until the `]` tests a cell left of the tape: in the first
  // iteration (start < 9) or a later one.
  for (int32_t start = 1; start < 60; ++start) {
    SCOPED_TRACE("start " + std::to_string(start));
    const Outcome o = run(walk_over(0, start + 1, start, 10, -9));
    EXPECT_EQ(status_name(o.result.status), status_name(RunStatus::kTapeUnderflow));
    EXPECT_EQ(o.result.src, 6u);
  }
}

TEST_P(JitFacts, APeeledWalkOffTheTapeEndTrapsAtItsCounterOrLoopTest) {
  // Rightwards with the target behind (p[-8], the previous iteration's counter): the counter read
  // or the `]` runs off the end, depending on where the walk starts.
  const auto last = static_cast<int32_t>(kSmallTape) - 1;
  for (int32_t back = 0; back < 60; ++back) {
    SCOPED_TRACE("start " + std::to_string(back) + " cells before the end");
    const Outcome o = run(walk_over(last - back - 9, last, last - back, -8, 9));
    EXPECT_EQ(status_name(o.result.status), status_name(RunStatus::kTapeOverflow));
  }
}

TEST_P(JitFacts, AFirstIterationTargetOffTheTapeTrapsAtItsCommand) {
  // Leftwards with the target ahead (p[10]): near the end the first iteration's target is off the
  // tape (a trap at the MulAdd); later iterations' targets are the cells the earlier ones read.
  const auto last = static_cast<int32_t>(kSmallTape) - 1;
  for (int32_t back = 1; back < 14; ++back) {
    SCOPED_TRACE("start " + std::to_string(back) + " cells before the end");
    const Outcome o = run(walk_over(last - 40, last, last - back, 10, -9));
    if (back < 10) {
      EXPECT_EQ(status_name(o.result.status), status_name(RunStatus::kTapeOverflow));
      EXPECT_EQ(o.result.src, 3u);
    }
  }
}

BF_INSTANTIATE_JIT_TEST(JitFacts);

}  // namespace
}  // namespace bf::testing
