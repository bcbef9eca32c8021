#include "cli/driver/timed_run.h"

#include <chrono>

#include "cli/driver/capture_sink.h"
#include "cli/driver/counters.h"
#include "core/runtime/program_run.h"

namespace bf::driver {

void timed_run(benchmark::State& state, BenchCase& bench_case, TapePool& tapes) {
  // A known failure is reported at once: a slow wrong run is not repeated for every repetition.
  const std::string& failure =
      bench_case.compile_failure.empty() ? bench_case.run_failure : bench_case.compile_failure;
  if (!failure.empty()) {
    state.SkipWithError(failure.c_str());
    return;
  }
  BenchProgram& program = *bench_case.program;
  Tape& tape = tapes.get(program.tape_cells());
  BytesSource input(program.input);
  CaptureSink sink;
  ProgramRun run(sink, input, {.eof = program.entry.eof});

  for (auto _ : state) {
    // Outside the clock: the fresh tape, the rewound input, the emptied output.
    tape.clear();
    input.rewind();
    run.reset();
    sink.clear();
    const auto start = std::chrono::steady_clock::now();
    const RunResult result = run.run_and_flush(*bench_case.executable, tape);
    const auto stop = std::chrono::steady_clock::now();
    state.SetIterationTime(std::chrono::duration<double>(stop - start).count());

    if (const std::string problem = program.check.check(sink.data(), result); !problem.empty()) {
      bench_case.run_failure = bench_case.failure_message("wrong result", problem);
      state.SkipWithError(bench_case.run_failure.c_str());
      break;
    }
  }
  bench_case.output_bytes = sink.data().size();
  set_run_counters(state, bench_case);
}

}  // namespace bf::driver
