#include "cli/driver/timed_compile.h"

#include <chrono>
#include <memory>

#include "cli/driver/counters.h"
#include "core/passes/pipeline.h"

namespace bf::driver {

void timed_compile(benchmark::State& state, BenchCase& bench_case) {
  if (!bench_case.compile_failure.empty()) {
    state.SkipWithError(bench_case.compile_failure.c_str());
    return;
  }
  const Engine& engine = *bench_case.engine_instance;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    std::unique_ptr<Executable> executable;
    try {
      executable = engine.compile(parse_and_optimize(bench_case.program->source, bench_case.level),
                                  CompileOptions{});
    } catch (const CompileError& error) {
      bench_case.compile_failure = bench_case.failure_message("cannot compile", error.what());
      state.SkipWithError(bench_case.compile_failure.c_str());
      break;
    }
    const auto stop = std::chrono::steady_clock::now();
    state.SetIterationTime(std::chrono::duration<double>(stop - start).count());
    benchmark::DoNotOptimize(executable.get());
    // Freeing the code (an munmap for a JIT) happens here, off the clock.
  }
  set_compile_counters(state, bench_case);
}

}  // namespace bf::driver
