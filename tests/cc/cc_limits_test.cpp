// Step and time limits on the cc engine: it stops after exactly as many loop tests as the naive
// engine, with the same output, at every optimization level; a watchdog ends endless loops.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "core/parser.h"
#include "core/passes/pipeline.h"
#include "core/runtime/program_run.h"
#include "tests/support/engine_runner.h"
#include "tests/support/require_engine.h"
#include "tests/support/same_as_naive.h"

namespace bf::testing {
namespace {

// Fixed loops (nested), a moving loop, a scan, a multiply and output between them.
constexpr const char* kProgram = "+++[>++[>+++<-]<-]>>.[->+>+<<]>>.<<<+[>>+<<<+>-]>>>[>]<.[-<+>]<.";

TEST(CcLimits, EveryStepBudgetStopsWhereNaiveStops) {
  BF_REQUIRE_ENGINE(cc, "cc");
  for (int level = 0; level <= kMaxLevel; ++level) {
    SCOPED_TRACE(::testing::Message() << "O" << level);
    const Program program = optimize(parse(Source("limits.b", kProgram)), level, {}, true);
    const auto naive = engine_named("naive").make()->compile(program, {.count_steps = true});
    const auto compiled = cc.make()->compile(program, {.count_steps = true});
    int stopped = 0;
    for (uint64_t steps = 1; steps <= 200; ++steps) {
      const Outcome want = run_executable(*naive, {.tape_cells = 4096, .max_steps = steps});
      const Outcome got = run_executable(*compiled, {.tape_cells = 4096, .max_steps = steps});
      ASSERT_EQ(got.result, want.result) << steps << " steps: " << describe(got);
      ASSERT_EQ(got.output, want.output) << steps << " steps";
      if (want.result.status == RunStatus::kStepLimit) ++stopped;
    }
    EXPECT_GE(stopped, 3);  // the budget bites at several points, not only at the end
  }
}

// Runs `program` (compiled to count steps) under a watchdog of 0.2 s.
RunResult run_with_timeout(const EngineInfo& cc, const Program& program) {
  const auto executable = cc.make()->compile(program, {.count_steps = true});
  StringSink sink;
  BytesSource input("");
  Tape tape;
  return ProgramRun(sink, input, {.time_limit = std::chrono::milliseconds(200)})
      .run(*executable, tape);
}

TEST(CcLimits, WatchdogEndsAnEndlessLoop) {
  BF_REQUIRE_ENGINE(cc, "cc");
  // A fixed loop, a fixed loop with work, a loop walking to and fro between two zero cells.
  for (const char* code : {"+[]", "+[>+<]", ">+>+<[[>]<[<]>]"}) {
    SCOPED_TRACE(code);
    const Program program = parse(Source("endless.b", code));
    EXPECT_EQ(run_with_timeout(cc, program).status, RunStatus::kTimeLimit);
  }
}

TEST(CcLimits, WatchdogEndsAnEndlessLoopNestedTooDeepToCompile) {
  BF_REQUIRE_ENGINE(cc, "cc");
  const std::string code = "+" + std::string(300, '[') + std::string(300, ']');
  EXPECT_EQ(run_with_timeout(cc, parse(Source("deep.b", code))).status, RunStatus::kTimeLimit);
}

}  // namespace
}  // namespace bf::testing
