#include "cli/driver/pilot.h"

#include <chrono>
#include <limits>

#include "cli/driver/capture_sink.h"
#include "core/runtime/program_run.h"

namespace bf::driver {

PilotOutcome pilot_run(Executable& executable, BenchProgram& bench_program, Tape& tape,
                       std::optional<double> limit_seconds) {
  tape.clear();
  BytesSource input(bench_program.input);
  CaptureSink sink;
  ProgramRun run(sink, input,
                 {.eof = bench_program.entry.eof,
                  .time_limit = std::chrono::duration<double>(limit_seconds.value_or(0))});
  run.start_watchdog();  // off the clock: a thread costs more than tiny runs
  const auto start = std::chrono::steady_clock::now();
  const RunResult result = run.run_and_flush(executable, tape);
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  run.stop_watchdog();
  const RunState& state = run.state();
  PilotOutcome outcome;
  if (result.status == RunStatus::kTimeLimit && state.timed_out) return outcome;
  outcome.finished = true;
  outcome.seconds = elapsed.count();
  if (limit_seconds) {
    outcome.loop_tests =
        static_cast<uint64_t>(std::numeric_limits<int64_t>::max() - state.budget.load());
  }
  outcome.problem = bench_program.check.check(sink.data(), result);
  return outcome;
}

}  // namespace bf::driver
