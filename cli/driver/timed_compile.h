// The compile/ENGINE/PROGRAM/LEVEL benchmark: parse + optimize + compile from the source bytes,
// the work a run/ benchmark does once before its timed loop.
#pragma once

#include <benchmark/benchmark.h>

#include "cli/driver/bench_case.h"

namespace bf::driver {

void timed_compile(benchmark::State& state, BenchCase& bench_case);

}  // namespace bf::driver
