#include "cli/driver/pilot.h"

#include <chrono>
#include <limits>
#include <memory>

#include "cli/driver/capture_sink.h"
#include "core/runtime/watchdog.h"

namespace bf::driver {

PilotOutcome pilot_run(Executable& executable, BenchProgram& bench_program, Tape& tape,
                       std::optional<double> limit_seconds) {
  tape.clear();
  BytesSource input(bench_program.input);
  CaptureSink sink;
  auto state = std::make_unique<RunState>(sink, input, bench_program.entry.eof);
  state->reset();
  RunResult result;
  std::chrono::duration<double> elapsed{};
  {
    std::optional<Watchdog> watchdog;  // started off the clock: a thread costs more than tiny runs
    if (limit_seconds) watchdog.emplace(*state, std::chrono::duration<double>(*limit_seconds));
    const auto start = std::chrono::steady_clock::now();
    result = executable.run(tape, *state);
    state->flush();
    elapsed = std::chrono::steady_clock::now() - start;
  }
  PilotOutcome outcome;
  if (result.status == RunStatus::kTimeLimit && state->timed_out) return outcome;
  outcome.finished = true;
  outcome.seconds = elapsed.count();
  if (limit_seconds) {
    outcome.loop_tests =
        static_cast<uint64_t>(std::numeric_limits<int64_t>::max() - state->budget.load());
  }
  outcome.problem = bench_program.check.check(sink.data(), result);
  return outcome;
}

}  // namespace bf::driver
