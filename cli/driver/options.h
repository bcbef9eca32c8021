// DriverOptions: what `bfbench` without a subcommand was asked to benchmark, from its command line.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace bf::driver {

enum class ReportFormat { kConsole, kJson, kCsv };

// The --benchmark_* arguments. They go to Google Benchmark untouched, but a few of them change what
// the driver itself does (which benchmarks it prepares, whether it sets per-benchmark defaults).
struct PassThrough {
  std::vector<std::string> flags;  // every --benchmark_* argument, in order
  std::optional<std::string> filter;
  std::optional<std::string> out;
  std::optional<std::string> out_format;
  std::optional<std::string> format;
  bool list_tests = false;
  bool sets_repetitions = false;  // then the driver leaves repetitions to the flag
  bool sets_min_time = false;     // then the driver leaves min_time and iterations to the flag
  bool counters_tabular = false;
  bool color = true;  // false when --benchmark_color=false/no
};

struct DriverOptions {
  bool help = false;
  std::vector<std::string> engines;   // {"all"} or names
  std::vector<std::string> programs;  // empty: the default set; {"all"} or names
  std::vector<std::string> levels;    // {"all"} or O0..O3
  std::optional<std::string> corpus_dir;
  std::optional<std::string> engines_file;  // --engines-file: where ext:NAME engines are defined
  bool process = false;                     // --process: built-in engines as child processes too
  double process_timeout = 0;               // --process-timeout seconds; 0: the default
  bool quick = false;
  std::optional<std::string> out;
  std::optional<ReportFormat> format;
  PassThrough pass_through;
};

// Throws cli::UsageError for anything malformed. argv[0] is the program name.
DriverOptions parse_driver_options(int argc, char** argv);

// The options section of `bfbench --help`.
std::string driver_help();

// "json" -> kJson; anything else is a UsageError naming `option`.
ReportFormat parse_format(const std::string& option, const std::string& text);

// The format of `--out PATH` without --format: CSV for a name ending in ".csv" (any case), else
// JSON.
ReportFormat format_for_file(const std::string& path);

}  // namespace bf::driver
