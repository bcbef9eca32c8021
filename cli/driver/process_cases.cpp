#include "cli/driver/process_cases.h"

#include <benchmark/benchmark.h>

#include <algorithm>

#include "cli/driver/child_process.h"
#include "cli/driver/registration.h"

namespace bf::driver {

namespace {

std::string input_path(const BenchProgram& program) {
  return program.entry.input ? std::filesystem::absolute(*program.entry.input).string() : "";
}

// `bfbench run` with the program's machine: the same tape and EOF policy as the run/ benchmark.
std::vector<std::string> builtin_argv(const std::string& self, const std::string& engine, int level,
                                      const BenchProgram& program) {
  return {self,
          "run",
          "--engine=" + engine,
          "--level=" + level_name(level),
          "--eof=" + std::string(eof_name(program.entry.eof)),
          "--tape-size=" + std::to_string(program.tape_cells()),
          std::filesystem::absolute(program.entry.program).string()};
}

// The verdict of one child run: empty when it is right, else "wrong: ...", "crash: ..." or
// "timeout: ...", naming the engine and the program.
std::string verdict(ProcessCase& process, const ChildResult& result,
                    std::chrono::duration<double> limit) {
  const std::string who = " from " + process.name.engine + " on " + process.name.program + ": ";
  if (result.timed_out) return "timeout" + who + describe_ending(result, limit);
  if (!result.spawned || result.signal || result.exit_status.value_or(0) != 0) {
    return "crash" + who + describe_ending(result, limit);
  }
  const std::string problem = process.program->check.check(result.output, RunResult{});
  return problem.empty() ? "" : "wrong" + who + problem;
}

void timed_process(benchmark::State& state, ProcessCase& process,
                   std::chrono::duration<double> limit) {
  if (!process.failure.empty()) {
    state.SkipWithError(process.failure.c_str());
    return;
  }
  for (auto _ : state) {
    const ChildResult result = run_child(process.argv, process.input_path, limit);
    state.SetIterationTime(result.seconds);
    process.peak_rss_kib = std::max(process.peak_rss_kib, result.peak_rss_kib);
    process.output_bytes = result.output.size();
    if (std::string failure = verdict(process, result, limit); !failure.empty()) {
      process.failure = std::move(failure);
      state.SkipWithError(process.failure.c_str());
      break;
    }
  }
  state.counters["output_bytes"] = static_cast<double>(process.output_bytes);
  state.counters["peak_rss_kib"] = static_cast<double>(process.peak_rss_kib);
}

std::unique_ptr<ProcessCase> make_case(const BenchName& name, BenchProgram& program,
                                       std::vector<std::string> argv) {
  auto process = std::make_unique<ProcessCase>();
  process->name = name;
  process->program = &program;
  process->argv = std::move(argv);
  process->input_path = input_path(program);
  return process;
}

}  // namespace

ProcessWorkload build_process_workload(const Workload& workload, const Selection& selection,
                                       const ProcessRequest& request, const NameFilter& filter) {
  ProcessWorkload work;
  for (const auto& owned : workload.programs) {
    BenchProgram& program = *owned;
    for (const ExternalEngine& engine : request.external) {
      const BenchName name{Phase::kProcess, engine.name, program.entry.name, kNoLevel};
      if (!filter.matches(name.str())) continue;
      if (std::string why = engine.cannot_run(program.entry); !why.empty()) {
        work.skipped.push_back({name.str(), std::move(why)});
        continue;
      }
      const std::filesystem::path prog = std::filesystem::absolute(program.entry.program);
      work.cases.push_back(make_case(name, program, engine.argv_for(prog, input_path(program))));
    }
    if (!request.builtin) continue;
    for (const EngineInfo* engine : selection.engines) {
      for (const int level : selection.levels) {
        const BenchName name{Phase::kProcess, engine->name, program.entry.name, level};
        if (!filter.matches(name.str())) continue;
        work.cases.push_back(
            make_case(name, program, builtin_argv(request.self, engine->name, level, program)));
      }
    }
  }
  return work;
}

void register_process_benchmarks(ProcessWorkload& work, const ProcessRequest& request,
                                 const PlanInputs& inputs, Progress& progress,
                                 std::vector<std::string>& names) {
  // Each run is one whole process (no iterations to average within a repetition).
  Plan plan{1, inputs.quick ? 1 : kMediumRepetitions, {}};
  if (inputs.user_min_time) plan.iterations = 0;
  if (inputs.user_repetitions) plan.repetitions = 0;
  for (const auto& owned : work.cases) {
    ProcessCase* process = owned.get();
    const std::string name = process->name.str();
    names.push_back(name);
    const size_t index = names.size();
    const auto limit = request.time_limit;
    benchmark::internal::Benchmark* benchmark = benchmark::RegisterBenchmark(
        name.c_str(), [process, &progress, index, name, limit](benchmark::State& state) {
          if (skip_when_interrupted(state)) return;
          progress.show(index, name);
          timed_process(state, *process, limit);
        });
    apply_plan(*benchmark, plan);
    benchmark->UseManualTime();
    benchmark->Unit(benchmark::kMicrosecond);
  }
}

}  // namespace bf::driver
