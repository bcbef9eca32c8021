// Counters: the facts reported beside each time -- ops after optimization, generated code bytes,
// output bytes, executed loop tests -- named the same in every benchmark so reports can join them.
#pragma once

#include <benchmark/benchmark.h>

#include "bench/driver/bench_case.h"

namespace bf::driver {

void set_run_counters(benchmark::State& state, const BenchCase& bench_case);
void set_compile_counters(benchmark::State& state, const BenchCase& bench_case);

}  // namespace bf::driver
