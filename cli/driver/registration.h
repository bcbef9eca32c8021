// Registration: one Google Benchmark per wanted (phase, engine, program, level), with its plan.
#pragma once

#include <string>
#include <vector>

#include "cli/driver/plan.h"
#include "cli/driver/progress.h"
#include "cli/driver/tape_pool.h"
#include "cli/driver/workload.h"

namespace bf::driver {

// Registers run/... benchmarks first, then compile/..., each group program by program, so the
// table reads like the summary. Returns the names in registration (= run) order. The workload,
// tapes and progress must outlive benchmark::RunSpecifiedBenchmarks.
std::vector<std::string> register_benchmarks(Workload& workload, const PlanInputs& inputs,
                                             TapePool& tapes, Progress& progress);

}  // namespace bf::driver
