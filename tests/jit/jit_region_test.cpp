// Fixed regions -- loop nests where p never moves, whose cells the JITs keep in registers --
// against the naive engine: results stored back, the plain copy near the tape ends, traps of the
// cells left in memory, step limits inside.
#include <gtest/gtest.h>

#include <string>

#include "tests/jit/jit_engines.h"
#include "tests/support/ir_builder.h"

namespace bf::testing {
namespace {

using namespace ir;

constexpr int32_t kTape = kSmallTape;

class JitRegions : public EngineTest {
 protected:
  Outcome run(const Program& program, const RunSetup& setup = small_tape()) const {
    return EngineTest::run(program, setup);
  }
};

// cell 1 = 3 * 5 by nested counting loops; cell 2 counts the inner iterations; cell 3 gets 2 *
// each value the inner counter had after its decrement (a multiply on a cached counter into a
// cached target): 2 * (4 + 3 + 2 + 1 + 0).
Program counting_nest(int32_t start) {
  return program({move(start, 0), set(3, 0, 1), begin(2), add(-1, 0, 3), set(5, 4, 4), add(0, 5, 5),
                  end(6), move(4, 7), begin(8), add(-1, 0, 9), add(3, -3, 10), add(1, -2, 11),
                  mul_add(2, -1, 0, 12, 8), end(13), move(-4, 14), out(1, 15), out(2, 16),
                  out(3, 17), out(4, 18)});
}

TEST_P(JitRegions, CellsKeptInRegistersAreStoredBack) {
  const Outcome o = run(counting_nest(10));
  EXPECT_TRUE(o.result.ok());
  EXPECT_EQ(o.output, std::string("\x0f\x05\x14\x00", 4));
}

TEST_P(JitRegions, NestedCountingLoopsMatchNaive) {
  // factor.b's shape: [-  >+<  [-  >+<  [ ... ]]] with a multiply at the bottom.
  const Program nest = program({move(4, 0), set(7, 0, 1), begin(2), add(-1, 0, 3), add(1, 1, 4),
                                begin(5), add(-1, 0, 6), add(1, 1, 7), begin(8), add(10, 0, 9),
                                mul_add(1, 1, 0, 10, 8), set(0, 0, 11), add(-1, 10, 12), end(13),
                                end(14), end(15), out(1, 16), out(10, 17), out(0, 18)});
  const Outcome o = run(nest);
  EXPECT_TRUE(o.result.ok());
  EXPECT_EQ(o.output.size(), 3u);
}

TEST_P(JitRegions, NearTheTapeStartThePlainCopyTrapsLikeNaive) {
  // p = 0: the region's cell -1 is off the tape, so the registers version cannot run; the plain
  // copy traps at the '+' that reaches cell -1.
  const Outcome o = run(program({set(2, 0, 0), begin(1), add(-1, 0, 2), add(1, -1, 3), end(4)}));
  EXPECT_EQ(o.result, tape_trap(-1, 3));
}

TEST_P(JitRegions, NearTheTapeEndThePlainCopyTrapsLikeNaive) {
  const Outcome o = run(program({move(kTape - 1, 0), set(2, 0, 1), begin(2), add(-1, 0, 3),
                                 add(1, 1, 4), end(5)}));
  EXPECT_EQ(o.result, tape_trap(kTape, 4));
}

TEST_P(JitRegions, ARegionThatNeverRunsDoesNotTrapEvenNearTheEdge) {
  const Outcome o = run(program({begin(0), add(-1, 0, 1), add(1, -1, 2), end(3), add(65, 0, 4),
                                 out(0, 5)}));
  EXPECT_TRUE(o.result.ok());
  EXPECT_EQ(o.output, "A");
}

TEST_P(JitRegions, ACellLeftInMemoryStillTrapsAtItsCommand) {
  // Cells 0..3 are used in the inner loop and kept in registers; cell -5, used once per outer
  // iteration, stays in memory and is off the tape (p = 2).
  const Outcome o = run(program({move(2, 0), set(2, 0, 1), begin(2), add(1, -5, 3), begin(4),
                                 add(-1, 0, 5), add(1, 1, 6), add(1, 2, 7), add(1, 3, 8), end(9),
                                 end(10)}));
  EXPECT_EQ(o.result, tape_trap(-3, 3));
}

TEST_P(JitRegions, MoreCellsThanRegisters) {
  // Six cells: four in registers, two in memory, all updated correctly.
  const Outcome o = run(program({move(8, 0), set(4, 0, 1), begin(2), add(-1, 0, 3), begin(4),
                                 add(-1, 0, 5), add(1, 1, 6), add(2, 2, 7), add(3, 3, 8),
                                 add(4, -1, 9), add(5, -2, 10), mul_add(3, -3, 1, 11, 4), end(12),
                                 end(13), out(-3, 14), out(-2, 15), out(-1, 16), out(0, 17),
                                 out(1, 18), out(2, 19), out(3, 20)}));
  EXPECT_TRUE(o.result.ok());
  EXPECT_EQ(o.output.size(), 7u);
}

TEST_P(JitRegions, StepLimitInsideARegion) {
  const Program nest = counting_nest(10);
  for (uint64_t steps : {1u, 2u, 3u, 5u, 8u, 13u, 21u}) {
    SCOPED_TRACE("max_steps " + std::to_string(steps));
    RunSetup setup = small_tape();
    setup.max_steps = steps;
    expect_same_as_naive(engine(), nest, setup);
  }
}

BF_INSTANTIATE_JIT_TEST(JitRegions);

}  // namespace
}  // namespace bf::testing
