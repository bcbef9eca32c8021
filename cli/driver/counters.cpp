#include "cli/driver/counters.h"

namespace bf::driver {

namespace {

void set_common(benchmark::State& state, const BenchCase& bench_case) {
  state.counters["ops"] = benchmark::Counter(static_cast<double>(bench_case.ops));
  state.counters["code_bytes"] = benchmark::Counter(static_cast<double>(bench_case.code_bytes));
}

}  // namespace

void set_run_counters(benchmark::State& state, const BenchCase& bench_case) {
  set_common(state, bench_case);
  state.counters["output_bytes"] = benchmark::Counter(static_cast<double>(bench_case.output_bytes));
  // Known when some engine's pilot finished for this program and level (counting needs the
  // step-counting build, so the timed run cannot count).
  const auto& loop_tests = bench_case.program->loop_tests;
  if (const auto found = loop_tests.find(bench_case.level); found != loop_tests.end()) {
    state.counters["loop_tests"] = benchmark::Counter(static_cast<double>(found->second));
  }
}

void set_compile_counters(benchmark::State& state, const BenchCase& bench_case) {
  set_common(state, bench_case);
  const auto source_bytes = static_cast<int64_t>(bench_case.program->source.bytes().size());
  state.counters["source_bytes"] = benchmark::Counter(static_cast<double>(source_bytes));
  state.SetBytesProcessed(source_bytes * state.iterations());
}

}  // namespace bf::driver
