// ProcessCase: one process/ benchmark -- a whole child process per run, start-up and compile
// included: an external engine (process/tritium/hanoi) or a `bfbench run` child for a built-in
// engine (process/asmjit/hanoi/O3), its output checked against the manifest like any other run.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "cli/driver/bench_case.h"
#include "cli/driver/external_engines.h"
#include "cli/driver/name_filter.h"
#include "cli/driver/plan.h"
#include "cli/driver/progress.h"
#include "cli/driver/selection.h"
#include "cli/driver/workload.h"

namespace bf::driver {

// The default time limit of one process/ run (--process-timeout).
inline constexpr double kDefaultProcessTimeoutSeconds = 120;

struct ProcessCase {
  BenchName name;
  BenchProgram* program = nullptr;
  std::vector<std::string> argv;
  std::string input_path;  // empty: /dev/null
  // Set by the first run that went wrong: "wrong: ...", "crash: ...", "timeout: ...". Later
  // repetitions report it at once.
  std::string failure;
  long peak_rss_kib = 0;
  size_t output_bytes = 0;
};

// A process/ benchmark that was not run, and why ("the expected output assumes 8-bit cells; ...").
struct ProcessSkip {
  std::string name;
  std::string reason;
};

struct ProcessWorkload {
  std::vector<std::unique_ptr<ProcessCase>> cases;
  std::vector<ProcessSkip> skipped;
};

struct ProcessRequest {
  std::vector<ExternalEngine> external;
  bool builtin = false;  // --process: time every selected built-in engine and level as a child too
  std::string self;      // this bfbench executable, for the built-in children
  std::chrono::duration<double> time_limit{kDefaultProcessTimeoutSeconds};
};

// One case per (external engine, program) and, with request.builtin, per (built-in engine,
// program, level); those the filter leaves out are dropped, those an engine cannot run are
// skipped with the reason.
ProcessWorkload build_process_workload(const Workload& workload, const Selection& selection,
                                       const ProcessRequest& request, const NameFilter& filter);

// Registers the process/ benchmarks; returns their names (appended to `names`' numbering).
void register_process_benchmarks(ProcessWorkload& work, const ProcessRequest& request,
                                 const PlanInputs& inputs, Progress& progress,
                                 std::vector<std::string>& names);

}  // namespace bf::driver
