// Plan: how many iterations and repetitions one benchmark gets, chosen from how long it takes.
// Every benchmark gets at least kIntervalRepetitions -- the fewest a bootstrap confidence interval
// can be drawn from (scripts/bfreport/intervals.py) -- except a compile too slow to repeat, and
// runs short enough get kFastRepetitions, the fewest that can show a change as significant. The
// cost is bounded by the slow runs: a 10-second naive O0 run costs 30 s, where 5 repetitions
// would cost 50 s; each benchmark with fewer than kFastRepetitions says why in its label.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace benchmark::internal {
class Benchmark;
}

namespace bf::driver {

inline constexpr int kIntervalRepetitions = 3;
// A pilot run longer than this is stopped: the benchmark is "slow" and runs kSlowRepetitions times.
inline constexpr double kPilotLimitSeconds = 0.5;
inline constexpr int kSlowRepetitions = kIntervalRepetitions;
// Runs at least this long are timed once per repetition, kMediumRepetitions times.
inline constexpr double kMediumRunSeconds = 0.1;
inline constexpr int kMediumRepetitions = 5;
// Shorter runs repeat for about kFastMinTime seconds per repetition, kFastRepetitions times.
inline constexpr double kFastMinTime = 0.1;
inline constexpr int kFastRepetitions = 5;
inline constexpr int64_t kMaxIterations = 1000000;
// Compilation: fast compiles kCompileRepetitions times, each about kCompileMinTime long; a slow
// one (a C compiler) once per repetition, kIntervalRepetitions times; one slower than
// kLongCompileSeconds (a C compiler on a big program) once in all -- the run/ benchmark needs one
// compile anyway, and more would dominate the whole matrix.
inline constexpr double kSlowCompileSeconds = 0.25;
inline constexpr double kLongCompileSeconds = 3.0;
inline constexpr double kCompileMinTime = 0.05;
inline constexpr int kCompileRepetitions = 5;

// Zero fields are left to Google Benchmark's flags (or its defaults).
struct Plan {
  int64_t iterations = 0;
  int repetitions = 0;
  // Why `repetitions` is below kFastRepetitions ("3 repetitions: one run takes over 0.5 s"),
  // or empty; the benchmark's label, so the console, the JSON and the report show it per row.
  std::string why;

  bool operator==(const Plan&) const = default;
};

struct PlanInputs {
  bool quick = false;             // one iteration, one repetition
  bool user_repetitions = false;  // --benchmark_repetitions given: leave repetitions alone
  bool user_min_time = false;     // --benchmark_min_time given: leave iterations to it
};

// `pilot_seconds`: one run's time, or nullopt when the pilot hit kPilotLimitSeconds (or none ran).
// `reset_seconds`: the untimed work before each run (zeroing the tape). Fast runs get a fixed
// iteration count that fills kFastMinTime of wall time, reset included: a 1-microsecond program
// on a 1 MiB tape is mostly reset, and a min_time on run time alone would take a minute.
Plan plan_run(std::optional<double> pilot_seconds, double reset_seconds, const PlanInputs& inputs);

// `compile_seconds`: one parse+optimize+compile, measured while preparing.
Plan plan_compile(double compile_seconds, const PlanInputs& inputs);

void apply_plan(benchmark::internal::Benchmark& benchmark, const Plan& plan);

}  // namespace bf::driver
