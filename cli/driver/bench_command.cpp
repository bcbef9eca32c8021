#include "cli/driver/bench_command.h"

#include <benchmark/benchmark.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <iostream>
#include <optional>

#include "cli/cli_common.h"
#include "cli/driver/context.h"
#include "cli/driver/machine_facts.h"
#include "cli/driver/name_filter.h"
#include "cli/driver/options.h"
#include "cli/driver/process_cases.h"
#include "cli/driver/plan.h"
#include "cli/driver/registration.h"
#include "cli/driver/reporters.h"
#include "cli/driver/summary.h"
#include "cli/driver/workload.h"
#include "cli/exit_codes.h"
#include "core/runtime/process_cleanup.h"
#include "engines/builtin_engines.h"

namespace bf::driver {

namespace {

using Clock = std::chrono::steady_clock;

// Hands the --benchmark_* flags (and --out as --benchmark_out) to Google Benchmark; a flag it
// does not know is a usage error like any other unknown option.
void initialize_library(const DriverOptions& options) {
  // Static: the library keeps argv[0] as the executable name it prints in every report.
  static std::vector<std::string> args;
  args = {"bfbench"};
  args.insert(args.end(), options.pass_through.flags.begin(), options.pass_through.flags.end());
  if (options.out) args.push_back("--benchmark_out=" + *options.out);
  static std::vector<char*> argv;
  argv.clear();
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  int argc = static_cast<int>(args.size());
  benchmark::Initialize(&argc, argv.data());
  if (argc > 1) {
    throw cli::UsageError{"unknown option '" + std::string(argv[1]) +
                          "' (Google Benchmark flags take the form --benchmark_NAME=VALUE)"};
  }
  // The driver applied the filter itself, to the names without Google Benchmark's suffixes.
  benchmark::SetBenchmarkFilter(".");
}

// Fails before any time is spent when the report file cannot be written.
void check_writable(const std::string& path) {
  std::ofstream probe(path, std::ios::app);
  if (!probe) {
    throw cli::CommandError{exit_code::kOutputError,
                            "bfbench: cannot write " + path + ": " + std::strerror(errno)};
  }
}

struct Formats {
  ReportFormat display = ReportFormat::kConsole;
  std::optional<ReportFormat> file;
};

Formats choose_formats(const DriverOptions& options) {
  Formats formats;
  const PassThrough& flags = options.pass_through;
  if (options.out) {
    formats.file = options.format.value_or(format_for_file(*options.out));
    if (flags.format) formats.display = parse_format("--benchmark_format", *flags.format);
  } else {
    if (options.format) formats.display = *options.format;
    else if (flags.format) formats.display = parse_format("--benchmark_format", *flags.format);
    if (flags.out) {
      formats.file = flags.out_format ? parse_format("--benchmark_out_format", *flags.out_format)
                                      : ReportFormat::kJson;
    }
  }
  return formats;
}

// The `bfbench` front door, for the `bfbench run` children of process/ benchmarks: this is
// bfbench-tools, which sits beside it in a build tree and in libexec/bfbench/ once installed
// (cli/tools_exec.h looks the other way).
std::string self_path() {
  std::error_code error;
  const auto tools = std::filesystem::read_symlink("/proc/self/exe", error);
  if (error) return "bfbench";
  for (const auto& candidate : {tools.parent_path() / "bfbench",
                                tools.parent_path().parent_path().parent_path() / "bin" / "bfbench"}) {
    if (std::filesystem::is_regular_file(candidate, error)) return candidate.string();
  }
  return "bfbench";  // from PATH
}

ProcessRequest process_request(DriverOptions& options) {
  ProcessRequest request;
  const std::filesystem::path file =
      options.engines_file ? std::filesystem::path(*options.engines_file) : default_engines_file();
  request.external = take_external_engines(options.engines, file);
  request.builtin = options.process;
  request.self = self_path();
  if (options.process_timeout > 0) request.time_limit = std::chrono::duration<double>(options.process_timeout);
  return request;
}

// The JSON says which external engines ran with which command, and which process/ benchmarks
// were skipped and why, so the report can show them.
void add_process_context(const ProcessRequest& request, const ProcessWorkload& work) {
  for (const ExternalEngine& engine : request.external) {
    benchmark::AddCustomContext("external:" + engine.name,
                                engine.command + " (" + std::to_string(engine.cell_bits) +
                                    "-bit cells, EOF " + std::string(eof_name(engine.eof)) + ")");
  }
  for (const ProcessSkip& skip : work.skipped) {
    benchmark::AddCustomContext("skipped:" + skip.name, skip.reason);
  }
}

size_t longest(const std::vector<std::string>& names) {
  size_t width = 0;
  for (const std::string& name : names) width = std::max(width, name.size());
  return width + 7;  // room for "_median", "_stddev"
}

}  // namespace

std::string bench_help() { return driver_help(); }

int bench_command(int argc, char** argv) {
  const auto start = Clock::now();
  DriverOptions options = parse_driver_options(argc, argv);
  if (options.help) {
    std::cout << driver_help();
    return exit_code::kOk;
  }
  const Formats formats = choose_formats(options);
  const std::filesystem::path corpus_dir =
      options.corpus_dir ? std::filesystem::path(*options.corpus_dir) : default_corpus_dir();
  Corpus corpus;
  try {
    corpus = load_corpus(corpus_dir);
  } catch (const std::runtime_error& error) {
    throw cli::CommandError{exit_code::kCannotRead, error.what()};
  }
  const ProcessRequest request = process_request(options);
  const Selection selection = select(options, builtin_engines(), corpus);
  const NameFilter filter(options.pass_through.filter.value_or(""));
  initialize_library(options);

  Workload workload = build_workload(selection, filter);
  ProcessWorkload process_work = build_process_workload(workload, selection, request, filter);
  if (options.pass_through.list_tests) {
    for (const Phase phase : {Phase::kRun, Phase::kCompile}) {
      for (const auto& bench_case : workload.cases) {
        if (phase == Phase::kRun ? bench_case->want_run : bench_case->want_compile) {
          std::cout << bench_case->name(phase).str() << "\n";
        }
      }
    }
    for (const auto& process : process_work.cases) std::cout << process->name.str() << "\n";
    return exit_code::kOk;
  }
  for (const EngineInfo* engine : selection.skipped) {
    std::cerr << "bfbench: skipping engine " << engine->name << ": " << engine->unavailable_reason << "\n";
  }
  if (selection.engines.empty() && request.external.empty()) {
    throw cli::CommandError{exit_code::kUsage, "bfbench: none of the selected engines is available in this build"};
  }
  for (const ProcessSkip& skip : process_work.skipped) {
    std::cerr << "bfbench: skipping " << skip.name << ": " << skip.reason << "\n";
  }
  if (workload.wanted_benchmarks() + process_work.cases.size() == 0) {
    throw cli::UsageError{"--benchmark_filter='" + options.pass_through.filter.value_or("") +
                          "' matches no benchmark (names look like run/naive/hanoi/O2 and compile/naive/hanoi/O2)"};
  }
  if (options.out) check_writable(*options.out);
  if (options.pass_through.out) check_writable(*options.pass_through.out);

  // From here a signal only stops the matrix: the benchmarks that ran are reported and written.
  cleanup::stop_on_signals();
  Progress progress(std::cerr, stderr_is_terminal());
  TapePool tapes;
  prepare(workload, !options.quick, tapes, progress);
  const double prepare_seconds = std::chrono::duration<double>(Clock::now() - start).count();

  add_report_context(selection, options, corpus_dir, shell_command_line(argc, argv));
  const PlanInputs plan_inputs{options.quick, options.pass_through.sets_repetitions,
                               options.pass_through.sets_min_time};
  add_process_context(request, process_work);
  std::vector<std::optional<double>> expected_seconds;
  std::vector<std::string> names =
      register_benchmarks(workload, plan_inputs, tapes, progress, expected_seconds);
  register_process_benchmarks(process_work, request, plan_inputs, progress, names);
  expected_seconds.resize(names.size());  // a whole process: not known beforehand
  if (options.quick) {
    progress.start(names.size());  // no pilot: nothing to estimate from
  } else {
    // A run the pilot stopped takes at least the pilot's limit, once per repetition.
    progress.start(std::move(expected_seconds), kPilotLimitSeconds * kSlowRepetitions);
  }

  RunLog log;
  RunFacts facts;
  facts.skipped = selection.skipped;
  for (const ProcessSkip& skip : process_work.skipped) {
    facts.skipped_process.push_back(skip.name + ": " + skip.reason);
  }
  facts.quick = options.quick;
  RunWarnings warnings(log, facts);
  const bool color = options.pass_through.color && ::isatty(STDOUT_FILENO) == 1;
  NamingReporter display(
      make_reporter(formats.display, color, options.pass_through.counters_tabular, &warnings),
      longest(names),
      &log, &progress);
  std::unique_ptr<NamingReporter> file;
  if (formats.file) {
    file = std::make_unique<NamingReporter>(make_reporter(*formats.file, false, false, &warnings),
                                            longest(names), nullptr, nullptr);
  }
  benchmark::RunSpecifiedBenchmarks(&display, file.get());
  progress.clear();
  benchmark::Shutdown();
  if (const int signal_number = cleanup::stop_requested()) {
    std::cerr << "bfbench: interrupted (" << strsignal(signal_number) << "): the benchmarks that "
              << "ran before it are reported" << (formats.file ? " and written" : "")
              << "; the rest are marked \"not run\"\n";
    return 128 + signal_number;
  }

  SummaryInputs summary;
  for (const auto& program : workload.programs) summary.programs.push_back(program->entry.name);
  summary.warnings = warnings.lines();
  summary.prepare_seconds = prepare_seconds;
  summary.total_seconds = std::chrono::duration<double>(Clock::now() - start).count();
  // The console table's reader gets the summary below it; a machine reading stdout does not.
  print_summary(formats.display == ReportFormat::kConsole ? std::cout : std::cerr, log, summary);
  return log.any_failed() ? exit_code::kFailed : exit_code::kOk;
}

}  // namespace bf::driver
