#include "cli/driver/context.h"

#include <benchmark/benchmark.h>

#include <fstream>

#include "cli/driver/bench_name.h"
#include "cli/driver/build_info.h"
#include "cli/driver/machine_facts.h"
#include "cli/driver/plan.h"
#include "cli/version.h"
#include "core/engine_registry.h"
#include "engines/builtin_engines.h"

namespace bf::driver {

namespace {

std::string engine_list() {
  std::string text;
  for (const EngineInfo& info : builtin_engines().all()) {
    if (!text.empty()) text += "; ";
    text += info.name + (info.available ? ": available" : ": unavailable (" + info.unavailable_reason + ")");
  }
  return text;
}

template <typename T, typename Name>
std::string join(const std::vector<T>& items, Name name) {
  std::string text;
  for (const T& item : items) {
    if (!text.empty()) text += ',';
    text += name(item);
  }
  return text;
}

}  // namespace

void add_report_context(const Selection& selection, const DriverOptions& options,
                        const std::filesystem::path& corpus_dir, const std::string& command_line) {
  benchmark::AddCustomContext("command_line", command_line);
  benchmark::AddCustomContext("bfbench_version", kVersion);
  benchmark::AddCustomContext("git_commit", kGitCommit);
  benchmark::AddCustomContext("compiler", kCompiler);
  benchmark::AddCustomContext("compiler_flags", kCompilerFlags);
  benchmark::AddCustomContext("build_type", kBuildType);
  for (const auto& [key, value] : machine_facts()) benchmark::AddCustomContext(key, value);
  benchmark::AddCustomContext("engines", engine_list());
  benchmark::AddCustomContext(
      "benchmark_library",
      std::string("Google Benchmark ") + kBenchmarkVersion +
          ". Debian's libbenchmark is built as a debug library (library_build_type: debug): its "
          "own bookkeeping between iterations runs unoptimized. It does not reach real_time, which "
          "bfbench measures around the run alone.");
  benchmark::AddCustomContext(
      "timing",
      "real_time: bfbench's steady clock around the measured work alone (UseManualTime): for "
      "run/ the program from a fresh zeroed tape to its last output flush, for compile/ parse + "
      "optimize + compile, as bfbench run does them. cpu_time: the whole iteration, including the tape reset and output "
      "check. Unit: microseconds.");
  benchmark::AddCustomContext(
      "plan", options.quick ? std::string("quick: one iteration, one repetition")
                            : "pilot-based: runs over " + std::to_string(kPilotLimitSeconds).substr(0, 4) +
                                  " s get " + std::to_string(kSlowRepetitions) + " repetitions of one run, " +
                                  "others " + std::to_string(kFastRepetitions) +
                                  "; compiles over " + std::to_string(kLongCompileSeconds).substr(0, 3) +
                                  " s once (each such row's label says why; "
                                  "--benchmark_repetitions / --benchmark_min_time override)");
  benchmark::AddCustomContext("corpus", corpus_dir.string());
  benchmark::AddCustomContext(
      "programs", join(selection.programs, [](const CorpusEntry* e) { return e->name; }));
  benchmark::AddCustomContext(
      "levels", join(selection.levels, level_name));
  // Where each program comes from, so a report can say what was measured without the corpus.
  for (const CorpusEntry* entry : selection.programs) {
    benchmark::AddCustomContext("program:" + entry->name,
                                "category: " + entry->category + "; provenance: " + entry->provenance);
  }
}

}  // namespace bf::driver
