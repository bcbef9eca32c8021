// The run/ENGINE/PROGRAM/LEVEL benchmark: the compiled program, timed from a fresh zeroed tape
// and rewound input each iteration, its result checked after every run.
#pragma once

#include <benchmark/benchmark.h>

#include "cli/driver/bench_case.h"
#include "cli/driver/tape_pool.h"

namespace bf::driver {

void timed_run(benchmark::State& state, BenchCase& bench_case, TapePool& tapes);

}  // namespace bf::driver
