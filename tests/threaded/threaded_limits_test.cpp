// Step and time limits on the threaded engine: the same loop tests count as on the naive engine,
// in every loop handler (fused ones included), and the watchdog stops a run from outside.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>

#include "core/parser.h"
#include "core/runtime/program_run.h"
#include "tests/support/ir_builder.h"
#include "tests/support/same_as_naive.h"

namespace bf::testing {
namespace {

using namespace ir;

// Runs on the threaded engine, expecting what the naive engine does.
Outcome run_both(const Program& program, const RunSetup& setup = {}) {
  return expect_same_as_naive(engine_named("threaded"), program, setup);
}

TEST(ThreadedLimits, EveryStepBudgetEndsAtTheSameLoopTestAsOnNaive) {
  // Nested loops, a fused move+end, a scan and a multiply group: only the loop tests count.
  // Three rounds of: count cell 1 down from 4 printing it, add 5 to cell 2, scan, multiply cell 2
  // into cell 3 and clear it; the outer loop ends in a fused move+end.
  const Program p = program({add(3), begin(), add(4, 1), move(1), begin(), out(), add(-1), end(),
                             add(5, 1), scan(1), mul_add(2, 2, 1), set(0, 1), add(-1, -1), move(-1),
                             end(), out(3)});
  const Outcome unlimited = run_both(p);
  ASSERT_TRUE(unlimited.result.ok());
  ASSERT_EQ(unlimited.output, "\x04\x03\x02\x01\x04\x03\x02\x01\x04\x03\x02\x01\x1e");
  bool finished = false;
  for (uint64_t steps = 1; steps <= 80 && !finished; ++steps) {
    SCOPED_TRACE("max steps " + std::to_string(steps));
    const Outcome o = run_both(p, {.max_steps = steps});
    finished = o.result.ok();
    if (finished) {
      EXPECT_EQ(o.output, unlimited.output);
    } else {
      EXPECT_EQ(o.result.status, RunStatus::kStepLimit);
    }
  }
  EXPECT_TRUE(finished) << "the program should finish within 80 loop tests";
}

TEST(ThreadedLimits, ATwoAddWalkTrapsAndCountsAsOnNaiveAtBothTapeEnds) {
  // "[->+]" (and "[-<+]") from cell `start` of a 64-cell tape walks until it meets a 255: with
  // one near the end it stops there, without one its add falls off the tape. Every start near
  // either end goes through the window's edge, where the checked path takes over.
  constexpr uint64_t kCells = 64;
  for (const int32_t direction : {1, -1}) {
    for (const bool stopper : {true, false}) {
      for (int32_t back = 0; back < 12; ++back) {
        SCOPED_TRACE("direction " + std::to_string(direction) + " stopper " +
                     std::to_string(stopper) + " back " + std::to_string(back));
        const int32_t last = direction > 0 ? static_cast<int32_t>(kCells) - 1 : 0;
        std::vector<Op> ops;
        if (stopper) ops.push_back(add(-1, last - 2 * direction));
        const int32_t start = last - back * direction;
        ops.push_back(add(1, start, 1));
        if (start != 0) ops.push_back(move(start, 2));
        ops.insert(ops.end(), {begin(3), add(-1, 0, 4), add(1, direction, 5), move(direction, 6),
                               end(7), out(0, 8)});
        const Program walk = program(ops);
        run_both(walk, {.tape_cells = kCells});
        for (uint64_t steps = 1; steps < 16; ++steps) {
          run_both(walk, {.tape_cells = kCells, .max_steps = steps});
        }
      }
    }
  }
}

TEST(ThreadedLimits, StepCountsMatchTheRuntimeContract) {
  // "+++[-]" tests its loop 4 times; straight-line code costs nothing.
  const Program p = parse(Source("t", "+++[-]"));
  EXPECT_TRUE(run_on(engine_named("threaded"), p, {.max_steps = 4}).result.ok());
  EXPECT_EQ(run_on(engine_named("threaded"), p, {.max_steps = 3}).result.status,
            RunStatus::kStepLimit);
  EXPECT_TRUE(run_on(engine_named("threaded"), parse(Source("t", std::string(5000, '+'))),
                     {.max_steps = 1}).result.ok());
}

TEST(ThreadedLimits, AStepLimitKeepsTheOutputSoFar) {
  const Outcome o = run_both(parse(Source("t", "+.[>+<]")), {.max_steps = 1000});
  EXPECT_EQ(o.result.status, RunStatus::kStepLimit);
  EXPECT_EQ(o.output, "\x01");
}

RunResult run_with_watchdog(const std::string& code) {
  StringSink sink;
  BytesSource input("");
  const auto executable =
      engine_named("threaded").make()->compile(parse(Source("t", code)), {.count_steps = true});
  Tape tape(4096);
  return ProgramRun(sink, input, {.time_limit = std::chrono::milliseconds(100)})
      .run(*executable, tape);
}

TEST(ThreadedLimits, TheWatchdogStopsARunawayLoop) {
  EXPECT_EQ(run_with_watchdog("+[]").status, RunStatus::kTimeLimit);
}

TEST(ThreadedLimits, TheWatchdogStopsARunawayLoopEndingInAMove) {
  // Loops whose only test is the fused move+end, or a plain end after adds.
  EXPECT_EQ(run_with_watchdog("+>+[<>]").status, RunStatus::kTimeLimit);
  EXPECT_EQ(run_with_watchdog("+[>+<-+]").status, RunStatus::kTimeLimit);
}

}  // namespace
}  // namespace bf::testing
