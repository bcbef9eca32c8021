// ProgramRun, the one run harness: what it promises the commands, the driver and the tests.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>

#include "core/parser.h"
#include "core/runtime/program_run.h"
#include "tests/support/engine_runner.h"

namespace bf::testing {
namespace {

std::unique_ptr<Executable> naive(const std::string& code, bool count_steps = false) {
  return engine_named("naive").make()->compile(parse(Source("p.b", code)),
                                               {.count_steps = count_steps});
}

TEST(ProgramRun, OutputBeforeATrapReachesTheSink) {
  StringSink sink;
  BytesSource input("");
  Tape tape(4096);
  const RunResult result = ProgramRun(sink, input).run(*naive("+.<+"), tape);
  EXPECT_EQ(result, tape_trap(-1, 3));
  EXPECT_EQ(sink.data(), "\x01");
}

TEST(ProgramRun, EveryRunStartsWithTheWholeBudget) {
  // "+++[-]" tests its loop 4 times.
  StringSink sink;
  BytesSource input("");
  const std::unique_ptr<Executable> executable = naive("+++[-].", /*count_steps=*/true);
  ProgramRun enough(sink, input, {.max_steps = 4});
  ProgramRun too_few(sink, input, {.max_steps = 3});
  for (int i = 0; i < 2; ++i) {
    Tape tape(4096);
    EXPECT_TRUE(enough.run(*executable, tape).ok()) << "run " << i;
    tape.clear();
    EXPECT_EQ(too_few.run(*executable, tape).status, RunStatus::kStepLimit) << "run " << i;
  }
  EXPECT_EQ(sink.data(), std::string(2, '\0'));
}

TEST(ProgramRun, TheTimedStepsStopAtTheTimeLimit) {
  StringSink sink;
  BytesSource input("");
  Tape tape(4096);
  ProgramRun run(sink, input, {.time_limit = std::chrono::milliseconds(100)});
  run.start_watchdog();
  const RunResult result = run.run_and_flush(*naive("+.[]", /*count_steps=*/true), tape);
  run.stop_watchdog();
  EXPECT_EQ(result.status, RunStatus::kTimeLimit);
  EXPECT_TRUE(run.state().timed_out);
  EXPECT_EQ(sink.data(), "\x01");
}

}  // namespace
}  // namespace bf::testing
