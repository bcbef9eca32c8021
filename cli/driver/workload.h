// Workload: the programs and cases a benchmark run covers, and their preparation -- optimize,
// compile, and a pilot run -- before Google Benchmark times anything.
#pragma once

#include <memory>
#include <vector>

#include "cli/driver/bench_case.h"
#include "cli/driver/name_filter.h"
#include "cli/driver/progress.h"
#include "cli/driver/selection.h"
#include "cli/driver/tape_pool.h"

namespace bf::driver {

struct Workload {
  std::vector<std::unique_ptr<BenchProgram>> programs;
  std::vector<std::unique_ptr<BenchCase>> cases;  // program-major, then engine, then level

  size_t wanted_benchmarks() const;
};

// Reads and parses every selected program (cli::CommandError 66 / 65 when one cannot be read or
// does not parse) and makes one case per (engine, program, level), noting which of its two
// benchmarks the filter wants.
Workload build_workload(const Selection& selection, const NameFilter& filter);

// Prepares every case the filter wants: optimizes (once per program and level), compiles, and --
// when `pilot` -- runs the pilot. Failures are recorded in the case, not thrown: its benchmarks
// then report them as errors.
void prepare(Workload& workload, bool pilot, TapePool& tapes, Progress& progress);

}  // namespace bf::driver
