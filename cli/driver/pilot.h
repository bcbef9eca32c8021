// Pilot run: one run outside Google Benchmark that checks the result before any timing, tells how
// long a run takes (to plan repetitions) and, on a step-counting build, counts the loop tests.
#pragma once

#include <optional>
#include <string>

#include "cli/driver/bench_case.h"
#include "core/runtime/tape.h"

namespace bf::driver {

struct PilotOutcome {
  bool finished = false;  // false: stopped at the time limit (a slow run), nothing checked
  double seconds = 0;     // when finished
  std::optional<uint64_t> loop_tests;  // when finished on a step-counting build
  std::string problem;    // when finished: empty, or what is wrong with the result
};

// Runs `executable` once from a fresh tape with the program's input. With `limit_seconds`, the
// executable must have been compiled with CompileOptions::count_steps: a watchdog then stops it
// at the limit, and the step budget it used is the number of loop tests.
PilotOutcome pilot_run(Executable& executable, BenchProgram& bench_program, Tape& tape,
                       std::optional<double> limit_seconds);

}  // namespace bf::driver
