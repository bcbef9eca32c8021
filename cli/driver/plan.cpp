#include "cli/driver/plan.h"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace bf::driver {

namespace {

// The user's flags win: Google Benchmark lets a per-benchmark setting override its flag, so the
// driver sets only what the user did not ask for. Iterations override min_time, so they go when
// the user sets min_time.
Plan respect_user_flags(Plan plan, const PlanInputs& inputs) {
  if (inputs.user_repetitions) {
    plan.repetitions = 0;
    plan.why.clear();
  }
  if (inputs.user_min_time) plan.iterations = 0;
  return plan;
}

// Iterations that take about `budget` seconds at `seconds_each`.
int64_t iterations_for(double budget, double seconds_each) {
  if (seconds_each <= 0) return kMaxIterations;
  return std::clamp<int64_t>(std::llround(budget / seconds_each), 1, kMaxIterations);
}

std::string seconds_text(double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, seconds < 10 ? "%.2g s" : "%.0f s", seconds);
  return text;
}

}  // namespace

Plan plan_run(std::optional<double> pilot_seconds, double reset_seconds, const PlanInputs& inputs) {
  Plan plan;
  if (inputs.quick) {
    plan = Plan{1, 1, {}};  // the summary says --quick has no sigma
  } else if (!pilot_seconds) {
    plan = Plan{1, kSlowRepetitions,
                std::to_string(kSlowRepetitions) + " repetitions: one run takes over " +
                    seconds_text(kPilotLimitSeconds) + " (the matrix's time budget)"};
  } else if (*pilot_seconds >= kMediumRunSeconds) {
    plan = Plan{1, kMediumRepetitions, {}};
  } else {
    plan = Plan{iterations_for(kFastMinTime, *pilot_seconds + reset_seconds), kFastRepetitions, {}};
  }
  return respect_user_flags(plan, inputs);
}

Plan plan_compile(double compile_seconds, const PlanInputs& inputs) {
  Plan plan;
  if (inputs.quick) {
    plan = Plan{1, 1, {}};
  } else if (compile_seconds >= kLongCompileSeconds) {
    plan = Plan{1, 1,
                "1 repetition: one compile takes " + seconds_text(compile_seconds) +
                    " (over " + seconds_text(kLongCompileSeconds) + "); no interval"};
  } else if (compile_seconds >= kSlowCompileSeconds) {
    plan = Plan{1, kIntervalRepetitions,
                std::to_string(kIntervalRepetitions) + " repetitions: one compile takes " +
                    seconds_text(compile_seconds)};
  } else {
    plan = Plan{iterations_for(kCompileMinTime, compile_seconds), kCompileRepetitions, {}};
  }
  return respect_user_flags(plan, inputs);
}

void apply_plan(benchmark::internal::Benchmark& benchmark, const Plan& plan) {
  if (plan.iterations > 0) benchmark.Iterations(plan.iterations);
  if (plan.repetitions > 0) benchmark.Repetitions(plan.repetitions);
}

}  // namespace bf::driver
