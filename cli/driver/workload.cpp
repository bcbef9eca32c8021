#include "cli/driver/workload.h"

#include <chrono>
#include <exception>
#include <stdexcept>

#include "cli/cli_common.h"
#include "cli/driver/pilot.h"
#include "cli/driver/plan.h"
#include "cli/exit_codes.h"
#include "core/runtime/process_cleanup.h"
#include "core/passes/pipeline.h"

namespace bf::driver {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

std::unique_ptr<BenchProgram> load_program(const CorpusEntry& entry) {
  std::string bytes;
  std::string input;
  try {
    bytes = entry.read_program();
    input = entry.read_input();
  } catch (const std::runtime_error& error) {
    throw cli::CommandError{exit_code::kCannotRead, error.what()};
  }
  auto program = std::make_unique<BenchProgram>(entry, Source(entry.program.string(), std::move(bytes)),
                                                std::move(input));
  cli::parse_or_fail(program->source);  // a corpus program that does not parse stops everything
  return program;
}

const OptimizedProgram& optimized(BenchProgram& program, int level) {
  auto found = program.levels.find(level);
  if (found != program.levels.end()) return found->second;
  const auto start = Clock::now();
  Program result = parse_and_optimize(program.source, level);  // as `bfbench run` does
  const double seconds = seconds_since(start);
  return program.levels.emplace(level, OptimizedProgram{std::move(result), seconds}).first->second;
}

// Normally the pilot runs a step-counting build under a watchdog, so a slow run is stopped at
// kPilotLimitSeconds and the loop tests get counted. When compiling is itself slow (a C compiler),
// a second build would cost more than it saves: the pilot then runs the benchmark's own code to
// the end instead (such engines generate fast code).
void run_pilot(BenchCase& bench_case, const Program& program, TapePool& tapes) {
  BenchProgram& bench_program = *bench_case.program;
  Tape& tape = tapes.get(bench_program.tape_cells());
  PilotOutcome pilot;
  if (bench_case.compile_seconds >= kSlowCompileSeconds) {
    pilot = pilot_run(*bench_case.executable, bench_program, tape, std::nullopt);
  } else {
    CompileOptions counting;
    counting.count_steps = true;
    const std::unique_ptr<Executable> executable = bench_case.engine_instance->compile(program, counting);
    pilot = pilot_run(*executable, bench_program, tape, kPilotLimitSeconds);
  }
  if (!pilot.finished) return;
  bench_case.pilot_seconds = pilot.seconds;
  if (!pilot.problem.empty()) {
    bench_case.run_failure = bench_case.failure_message("wrong result", pilot.problem);
    return;
  }
  if (pilot.loop_tests) bench_program.loop_tests.emplace(bench_case.level, *pilot.loop_tests);
}

void prepare_case(BenchCase& bench_case, bool pilot, TapePool& tapes) {
  try {
    const OptimizedProgram& program = optimized(*bench_case.program, bench_case.level);
    bench_case.ops = program.program.ops.size();
    bench_case.engine_instance = bench_case.engine->make();
    const auto start = Clock::now();
    bench_case.executable = bench_case.engine_instance->compile(program.program, CompileOptions{});
    bench_case.compile_seconds = program.seconds + seconds_since(start);
    bench_case.code_bytes = bench_case.executable->code_bytes();
    if (pilot && bench_case.want_run) run_pilot(bench_case, program.program, tapes);
  } catch (const CompileError& error) {
    bench_case.compile_failure = bench_case.failure_message("cannot compile", error.what());
  } catch (const std::exception& error) {
    bench_case.compile_failure = bench_case.failure_message("internal error", error.what());
  }
}

}  // namespace

size_t Workload::wanted_benchmarks() const {
  size_t count = 0;
  for (const auto& bench_case : cases) count += bench_case->want_run + bench_case->want_compile;
  return count;
}

Workload build_workload(const Selection& selection, const NameFilter& filter) {
  Workload workload;
  for (const CorpusEntry* entry : selection.programs) {
    workload.programs.push_back(load_program(*entry));
    BenchProgram* program = workload.programs.back().get();
    for (const EngineInfo* engine : selection.engines) {
      for (int level : selection.levels) {
        auto bench_case = std::make_unique<BenchCase>();
        bench_case->engine = engine;
        bench_case->program = program;
        bench_case->level = level;
        bench_case->want_run = filter.matches(bench_case->name(Phase::kRun).str());
        bench_case->want_compile = filter.matches(bench_case->name(Phase::kCompile).str());
        workload.cases.push_back(std::move(bench_case));
      }
    }
  }
  return workload;
}

void prepare(Workload& workload, bool pilot, TapePool& tapes, Progress& progress) {
  size_t total = 0;
  for (const auto& bench_case : workload.cases) total += bench_case->want_run || bench_case->want_compile;
  progress.start(total);
  size_t index = 0;
  for (const auto& bench_case : workload.cases) {
    if (!bench_case->want_run && !bench_case->want_compile) continue;
    if (cleanup::stop_requested()) break;  // the benchmarks skip unprepared cases (registration)
    const BenchName name = bench_case->name(Phase::kRun);
    progress.show(++index, "preparing " + name.engine + "/" + name.program + "/" + level_name(name.level) +
                               (pilot && bench_case->want_run ? " (compile, pilot run)" : " (compile)"));
    prepare_case(*bench_case, pilot, tapes);
  }
  progress.clear();
}

}  // namespace bf::driver
