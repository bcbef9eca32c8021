// Step and time limits in generated code: the same step count as the naive engine, the output up to
// that point, and a watchdog that stops a program that never ends.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>

#include "core/runtime/program_run.h"
#include "tests/jit/jit_engines.h"
#include "tests/support/ir_builder.h"

namespace bf::testing {
namespace {

using namespace ir;

class JitLimits : public EngineTest {};

TEST_P(JitLimits, StepLimitStopsAtTheSameLoopTestAsNaive) {
  // Prints a counter in a loop; every budget from 1 up stops it somewhere else.
  const Program counting = program({set(100, 0, 0), begin(1), add(1, 1, 2), out(1, 3),
                                    scan(1, 4, 5), move(-1, 6), begin(7), add(-1, 0, 8), end(9),
                                    set(1, 0, 10), add(-1, -1, 11), move(-1, 12), end(13)});
  for (uint64_t steps : {1u, 2u, 3u, 4u, 5u, 17u, 100u, 1000u, 100000u}) {
    SCOPED_TRACE("max_steps " + std::to_string(steps));
    RunSetup setup;
    setup.max_steps = steps;
    expect_same_as_naive(engine(), counting, setup);
    if (steps <= 100) {
      EXPECT_EQ(run_on(engine(), counting, setup).result.status, RunStatus::kStepLimit);
    }
  }
}

TEST_P(JitLimits, AProgramWithinItsBudgetFinishes) {
  const Program loop = program({set(10, 0, 0), begin(1), add(-1, 0, 2), end(3), add(65, 0, 4),
                                out(0, 5)});
  RunSetup setup;
  setup.max_steps = 11;  // '[' once, ']' ten times
  const Outcome o = run_on(engine(), loop, setup);
  EXPECT_TRUE(o.result.ok());
  EXPECT_EQ(o.output, "A");
  setup.max_steps = 10;
  EXPECT_EQ(run_on(engine(), loop, setup).result.status, RunStatus::kStepLimit);
}

TEST_P(JitLimits, StepLimitComesBeforeTheTrapOfTheSameTest) {
  // Two steps in the first loop; the third test would fall off the tape. With two steps of budget
  // the limit is reported, with three the trap.
  const Program walk = program({add(1, 0, 0), begin(1), add(-1, 0, 2), end(3), move(-1, 4),
                                begin(5), end(6)});
  RunSetup setup;
  setup.max_steps = 2;
  EXPECT_EQ(run_on(engine(), walk, setup).result.status, RunStatus::kStepLimit);
  expect_same_as_naive(engine(), walk, setup);
  setup.max_steps = 3;
  EXPECT_EQ(run_on(engine(), walk, setup).result.status, RunStatus::kTapeUnderflow);
  expect_same_as_naive(engine(), walk, setup);
}

TEST_P(JitLimits, WatchdogStopsAnEndlessLoop) {
  const Program forever = program({add(1, 0, 0), begin(1), add(1, 1, 2), end(3)});
  CompileOptions options;
  options.count_steps = true;
  const std::unique_ptr<Executable> executable = engine().make()->compile(forever, options);
  StringSink sink;
  BytesSource input("");
  Tape tape;
  ProgramRun run(sink, input, {.time_limit = std::chrono::milliseconds(100)});
  const RunResult result = run.run(*executable, tape);
  EXPECT_EQ(status_name(result.status), status_name(RunStatus::kTimeLimit));
}

BF_INSTANTIATE_JIT_TEST(JitLimits);

}  // namespace
}  // namespace bf::testing
