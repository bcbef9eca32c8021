// Counters: the facts reported beside each time -- ops after optimization, generated code bytes,
// output bytes, executed loop tests -- named the same in every benchmark so reports can join them.
#pragma once

#include <benchmark/benchmark.h>

#include "cli/driver/bench_case.h"

namespace bf::driver {

// Every counter name either phase may report; a benchmark reports those it knows. The CSV report
// has one column for each, in this order. bytes_per_second is Google Benchmark's, from the compile
// phase's SetBytesProcessed (source bytes parsed per second).
inline constexpr const char* kCounterNames[] = {"ops",          "code_bytes", "source_bytes",
                                                "output_bytes", "loop_tests", "bytes_per_second"};

void set_run_counters(benchmark::State& state, const BenchCase& bench_case);
void set_compile_counters(benchmark::State& state, const BenchCase& bench_case);

}  // namespace bf::driver
