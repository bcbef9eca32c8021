// Guarded runs -- straight runs whose net form drops dead writes, run behind a range check --
// against the naive engine (EngineTest::run compares every outcome): the values they leave, and
// near a tape end the plain copy, which traps where O0 does even when that depends on a cell's
// value at run time. (jit_shape_test.cpp checks the dead writes are gone from the code.)
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "tests/jit/jit_engines.h"
#include "tests/support/ir_builder.h"

namespace bf::testing {
namespace {

using namespace ir;

constexpr int32_t kTape = kSmallTape;

class JitGuardedRuns : public EngineTest {};

// long.b's inner if-body at p = start, cells p+5 and p+0 read from the input first (so their
// values are not known when compiling): p[-1] += p[0] * 3, then p[5] += 3 and p[6] += p[5] * 5,
// both dead (sets follow), then p[0] = 0. Output: p[-1], p[5], p[6], p[0].
Program dead_writes(int32_t start) {
  std::vector<Op> ops = {in(5, 1), in(0, 2), mul_add(3, -1, 0, 3, 4), add(3, 5, 5),
                         mul_add(5, 6, 5, 6, 7), set(0, 5, 8), set(0, 6, 9), set(0, 0, 10),
                         out(-1, 11), out(5, 12), out(6, 13), out(0, 14)};
  if (start != 0) ops.insert(ops.begin(), move(start, 0));
  return program(std::move(ops));
}

// Input for dead_writes: p[5], then p[0] = 4.
RunSetup preset(char cell5) { return small_tape(std::string{cell5, '\x04'}); }

TEST_P(JitGuardedRuns, TheNetFormLeavesWhatTheRunLeaves) {
  const Outcome o = run(dead_writes(10), preset(0));
  EXPECT_TRUE(o.result.ok());
  EXPECT_EQ(o.output, std::string("\x0c\x00\x00\x00", 4));
}

TEST_P(JitGuardedRuns, ATargetOffTheTapeTrapsAtTheMulAddWhenItsCounterIsNotZero) {
  // p + 6 is one past the tape; p[5] + 3 = 3, so O0 reaches that cell at the muladd (src 6).
  const Outcome o = run(dead_writes(kTape - 6), preset(0));
  EXPECT_EQ(o.result, tape_trap(kTape, 6));
}

TEST_P(JitGuardedRuns, ATargetOffTheTapeTrapsAtItsSetWhenTheCounterIsZero) {
  // p[5] + 3 = 0 (253 + 3): the muladd adds nothing and touches nothing; O0 reaches cell p + 6
  // first at its set (src 9).
  const Outcome o = run(dead_writes(kTape - 6), preset(static_cast<char>(253)));
  EXPECT_EQ(o.result, tape_trap(kTape, 9));
}

TEST_P(JitGuardedRuns, ACellLeftOfTheTapeTrapsAtItsFirstAccess) {
  // p = 0: p[-1] is off the tape start, reached first by the muladd's target (src 3).
  const Outcome o = run(dead_writes(0), preset(0));
  EXPECT_EQ(o.result, tape_trap(-1, 3));
}

BF_INSTANTIATE_JIT_TEST(JitGuardedRuns);

}  // namespace
}  // namespace bf::testing
