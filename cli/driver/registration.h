// Registration: one Google Benchmark per wanted (phase, engine, program, level), with its plan.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/driver/plan.h"
#include "cli/driver/progress.h"
#include "cli/driver/tape_pool.h"
#include "cli/driver/workload.h"

namespace benchmark {
class State;
}

namespace bf::driver {

// After a SIGINT, SIGTERM or SIGHUP the benchmarks still to come are skipped, so the results of
// those that ran are written as usual (bench_command). True when `state` was skipped.
bool skip_when_interrupted(benchmark::State& state);

// Registers run/... benchmarks first, then compile/..., each group program by program, so the
// table reads like the summary. Returns the names in registration (= run) order. The workload,
// tapes and progress must outlive benchmark::RunSpecifiedBenchmarks. Appends to
// `expected_seconds` what each takes by its plan (nullopt: not known), for the progress line.
std::vector<std::string> register_benchmarks(Workload& workload, const PlanInputs& inputs,
                                             TapePool& tapes, Progress& progress,
                                             std::vector<std::optional<double>>& expected_seconds);

}  // namespace bf::driver
