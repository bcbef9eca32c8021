#include "cli/driver/plan.h"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>

namespace bf::driver {

namespace {

// The user's flags win: Google Benchmark lets a per-benchmark setting override its flag, so the
// driver sets only what the user did not ask for. Iterations override min_time, so they go when
// the user sets min_time.
Plan respect_user_flags(Plan plan, const PlanInputs& inputs) {
  if (inputs.user_repetitions) plan.repetitions = 0;
  if (inputs.user_min_time) plan.iterations = 0;
  return plan;
}

// Iterations that take about `budget` seconds at `seconds_each`.
int64_t iterations_for(double budget, double seconds_each) {
  if (seconds_each <= 0) return kMaxIterations;
  return std::clamp<int64_t>(std::llround(budget / seconds_each), 1, kMaxIterations);
}

}  // namespace

Plan plan_run(std::optional<double> pilot_seconds, double reset_seconds, const PlanInputs& inputs) {
  Plan plan;
  if (inputs.quick) {
    plan = Plan{1, 1};
  } else if (!pilot_seconds) {
    plan = Plan{1, kSlowRepetitions};
  } else if (*pilot_seconds >= kMediumRunSeconds) {
    plan = Plan{1, kMediumRepetitions};
  } else {
    plan = Plan{iterations_for(kFastMinTime, *pilot_seconds + reset_seconds), kFastRepetitions};
  }
  return respect_user_flags(plan, inputs);
}

Plan plan_compile(double compile_seconds, const PlanInputs& inputs) {
  Plan plan;
  if (inputs.quick) {
    plan = Plan{1, 1};
  } else if (compile_seconds >= kSlowCompileSeconds) {
    plan = Plan{1, 1};
  } else {
    plan = Plan{iterations_for(kCompileMinTime, compile_seconds), kCompileRepetitions};
  }
  return respect_user_flags(plan, inputs);
}

void apply_plan(benchmark::internal::Benchmark& benchmark, const Plan& plan) {
  if (plan.iterations > 0) benchmark.Iterations(plan.iterations);
  if (plan.repetitions > 0) benchmark.Repetitions(plan.repetitions);
}

}  // namespace bf::driver
