#include "cli/driver/registration.h"

#include <benchmark/benchmark.h>

#include <optional>

#include "cli/driver/timed_compile.h"
#include "cli/driver/timed_run.h"
#include "core/runtime/process_cleanup.h"

namespace bf::driver {

bool skip_when_interrupted(benchmark::State& state) {
  if (cleanup::stop_requested() == 0) return false;
  state.SkipWithError("not run: bfbench was interrupted");
  return true;
}

namespace {

// Seconds the plan will take when one iteration takes `seconds` (plus `reset` untimed), or
// nullopt when that is not known; Google Benchmark's own plan (a user's flag) counts as unknown.
std::optional<double> expected_cost(const Plan& plan, std::optional<double> seconds, double reset) {
  if (!seconds || plan.repetitions == 0 || plan.iterations == 0) return std::nullopt;
  return static_cast<double>(plan.repetitions) * static_cast<double>(plan.iterations) *
         (*seconds + reset);
}

}  // namespace

std::vector<std::string> register_benchmarks(Workload& workload, const PlanInputs& inputs,
                                             TapePool& tapes, Progress& progress,
                                             std::vector<std::optional<double>>& expected_seconds) {
  std::vector<std::string> names;
  for (const Phase phase : {Phase::kRun, Phase::kCompile}) {
    for (const auto& owned : workload.cases) {
      BenchCase* bench_case = owned.get();
      if (!(phase == Phase::kRun ? bench_case->want_run : bench_case->want_compile)) continue;
      const std::string name = bench_case->name(phase).str();
      names.push_back(name);
      const size_t index = names.size();
      benchmark::internal::Benchmark* benchmark = nullptr;
      if (phase == Phase::kRun) {
        const double reset_seconds = tapes.clear_seconds(bench_case->program->tape_cells());
        const Plan plan = plan_run(bench_case->pilot_seconds, reset_seconds, inputs);
        expected_seconds.push_back(expected_cost(plan, bench_case->pilot_seconds, reset_seconds));
        benchmark = benchmark::RegisterBenchmark(
            name.c_str(),
            [bench_case, &tapes, &progress, index, name, why = plan.why](benchmark::State& state) {
              if (skip_when_interrupted(state)) return;
              progress.show(index, name);
              timed_run(state, *bench_case, tapes);
              if (!why.empty()) state.SetLabel(why);
            });
        apply_plan(*benchmark, plan);
      } else {
        const Plan plan = plan_compile(bench_case->compile_seconds, inputs);
        expected_seconds.push_back(expected_cost(plan, bench_case->compile_seconds, 0));
        benchmark = benchmark::RegisterBenchmark(
            name.c_str(), [bench_case, &progress, index, name, why = plan.why](benchmark::State& state) {
              if (skip_when_interrupted(state)) return;
              progress.show(index, name);
              timed_compile(state, *bench_case);
              if (!why.empty()) state.SetLabel(why);
            });
        apply_plan(*benchmark, plan);
      }
      // Our clock around the measured work alone (see timed_run and timed_compile).
      benchmark->UseManualTime();
      // One unit for every benchmark and every run of bfbench, so files compare line by line.
      benchmark->Unit(benchmark::kMicrosecond);
    }
  }
  return names;
}

}  // namespace bf::driver
