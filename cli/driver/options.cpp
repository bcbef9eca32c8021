#include "cli/driver/options.h"

#include <boost/program_options.hpp>
#include <algorithm>
#include <cctype>
#include <sstream>

#include "cli/boost_options.h"
#include "cli/cli_common.h"
#include "cli/driver/csv_reporter.h"
#include "cli/driver/plan.h"

namespace po = boost::program_options;

namespace bf::driver {

namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// Google Benchmark's spelling of a true flag value, including the bare `--benchmark_list_tests`.
bool truthy(const std::optional<std::string>& value) {
  if (!value) return true;
  const std::string v = lower(*value);
  return v.empty() || v == "true" || v == "1" || v == "yes" || v == "y" || v == "t" || v == "on";
}

void note_pass_through(const std::string& arg, PassThrough& out) {
  out.flags.push_back(arg);
  const std::string body = arg.substr(2);  // "benchmark_filter=..."
  const auto equals = body.find('=');
  const std::string key = body.substr(0, equals);
  const std::optional<std::string> value =
      equals == std::string::npos ? std::nullopt : std::optional<std::string>(body.substr(equals + 1));
  if (key == "benchmark_filter" && value) out.filter = *value;
  else if (key == "benchmark_out" && value) out.out = *value;
  else if (key == "benchmark_out_format" && value) out.out_format = *value;
  else if (key == "benchmark_format" && value) out.format = *value;
  else if (key == "benchmark_list_tests") out.list_tests = truthy(value);
  else if (key == "benchmark_repetitions") out.sets_repetitions = true;
  else if (key == "benchmark_min_time") out.sets_min_time = true;
  else if (key == "benchmark_counters_tabular") out.counters_tabular = truthy(value);
  else if (key == "benchmark_color") out.color = truthy(value) || lower(value.value_or("")) == "auto";
}

// `list` split at `separator` and laid out in lines of at most `width` columns, each indented.
std::string wrapped(const std::string& list, char separator, size_t indent, size_t width) {
  std::istringstream in(list);
  std::string out, line(indent, ' '), item;
  while (std::getline(in, item, separator)) {
    if (!in.eof()) item += separator;
    if (line.size() > indent && line.size() + 1 + item.size() > width) {
      out += line + "\n";
      line.assign(indent, ' ');
    }
    line += (line.size() > indent ? " " : "") + item;
  }
  return out + line + "\n";
}

po::options_description driver_options_description() {
  po::options_description options("Benchmark options (bfbench with no subcommand)");
  options.add_options()
      ("help,h", "show this help")
      ("engine", po::value<std::vector<std::string>>()->composing(),
       "all (default) or NAME[,NAME...]; see `bfbench engines`; ext:NAME (ext:* for all) adds an "
       "external engine from --engines-file, timed as process/NAME/PROGRAM")
      ("engines-file", po::value<std::string>(),
       "TSV of external engines: name, cells, eof, tape, command with {prog} {input} {here} "
       "(default: the source tree's engines/external.tsv)")
      ("process", "also time each built-in engine and level as a whole `bfbench run` child, "
       "start-up and compile included: process/ENGINE/PROGRAM/LEVEL")
      ("process-timeout", po::value<double>(), "seconds one process/ run may take (default 120)")
      ("program", po::value<std::vector<std::string>>()->composing(),
       "corpus programs: all, or NAME[,NAME...]; default: the \"benchmark\" category")
      ("level", po::value<std::vector<std::string>>()->composing(), "all (default) or O0,O1,O2,O3")
      ("corpus", po::value<std::string>(),
       "corpus folder with manifest.tsv (default: $BFBENCH_CORPUS or the source tree's corpus/)")
      ("quick", "smoke run: one iteration, one repetition; default programs: the team's small ones")
      ("out", po::value<std::string>(),
       "also write the report to FILE, as --format says; without --format: CSV when FILE ends in "
       ".csv, else JSON")
      ("format", po::value<std::string>(),
       "console (default), json or csv: the report on stdout, or in --out FILE (see Reports)");
  return options;
}

}  // namespace

ReportFormat parse_format(const std::string& option, const std::string& text) {
  if (text == "console") return ReportFormat::kConsole;
  if (text == "json") return ReportFormat::kJson;
  if (text == "csv") return ReportFormat::kCsv;
  throw cli::UsageError{option + " must be console, json or csv, not '" + text + "'"};
}

ReportFormat format_for_file(const std::string& path) {
  const std::string suffix = ".csv";
  const bool csv =
      path.size() >= suffix.size() && lower(path.substr(path.size() - suffix.size())) == suffix;
  return csv ? ReportFormat::kCsv : ReportFormat::kJson;
}

DriverOptions parse_driver_options(int argc, char** argv) {
  DriverOptions options;
  std::vector<std::string> rest;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg.rfind("--benchmark_", 0) == 0) note_pass_through(arg, options.pass_through);
    else rest.push_back(arg);
  }
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(rest).options(driver_options_description()).run(), vm);
    po::notify(vm);
  } catch (const po::error& error) {
    throw cli::option_error("", error, driver_options_description());
  }
  options.help = vm.count("help") > 0;
  options.engines = vm.count("engine") ? cli::split_lists(vm["engine"].as<std::vector<std::string>>())
                                       : std::vector<std::string>{"all"};
  if (vm.count("program")) options.programs = cli::split_lists(vm["program"].as<std::vector<std::string>>());
  options.levels = vm.count("level") ? cli::split_lists(vm["level"].as<std::vector<std::string>>())
                                     : std::vector<std::string>{"all"};
  if (options.engines.empty()) throw cli::UsageError{"--engine needs at least one name"};
  if (vm.count("program") && options.programs.empty()) {
    throw cli::UsageError{"--program needs at least one name"};
  }
  if (options.levels.empty()) throw cli::UsageError{"--level needs at least one level"};
  if (vm.count("corpus")) options.corpus_dir = vm["corpus"].as<std::string>();
  options.quick = vm.count("quick") > 0;
  if (vm.count("engines-file")) options.engines_file = vm["engines-file"].as<std::string>();
  options.process = vm.count("process") > 0;
  if (vm.count("process-timeout")) {
    options.process_timeout = vm["process-timeout"].as<double>();
    if (!(options.process_timeout > 0)) throw cli::UsageError{"--process-timeout must be positive"};
  }
  if (vm.count("out")) options.out = vm["out"].as<std::string>();
  if (vm.count("format")) options.format = parse_format("--format", vm["format"].as<std::string>());
  if (options.out && options.pass_through.out) {
    throw cli::UsageError{"give --out or --benchmark_out, not both"};
  }
  return options;
}

std::string driver_help() {
  std::ostringstream help;
  help << "Benchmark: bfbench [--engine=all|NAME,...] [--program=all|NAME,...] [--level=all|O0,...]\n"
          "                   [--corpus DIR] [--quick] [--out FILE] [--format console|json|csv]\n"
          "                   [--benchmark_* ...]\n"
          "\n"
          "Registers one Google Benchmark per (phase, engine, program, level), named\n"
          "run/ENGINE/PROGRAM/LEVEL (the program, compiled beforehand) and\n"
          "compile/ENGINE/PROGRAM/LEVEL (parse + optimize + compile). Every run starts on a fresh\n"
          "zeroed tape with the program's input; its output is checked against the corpus manifest\n"
          "and a wrong result fails that benchmark (exit 1). After the table: per program, the\n"
          "engines and levels ranked, \"N.NN +- sigma times faster than naive O0\", and warnings.\n"
          "\n"
          "Whole processes: --engine=all,ext:tritium adds process/tritium/PROGRAM, one child process\n"
          "per run (fork/exec in its own process group, stdin the input, stdout checked like any\n"
          "run: wrong, crash and timeout fail that benchmark), peak memory from wait4 (peak_rss_kib);\n"
          "--process times our engines the same way (process/asmjit/hanoi/O3: a `bfbench run`\n"
          "child). A program an external engine cannot run (cells, EOF, tape) is skipped, with why.\n"
          "\n"
          "Programs: by default the manifest's \"benchmark\" category (the third-party programs\n"
          "scripts/fetch-corpus brings); --program=all means every program whose expected result\n"
          "is a normal end (the team's tiny ones too); a program named explicitly may also be one\n"
          "that traps on purpose, and then the trap is checked too. Each gets its manifest input,\n"
          "EOF policy and tape size.\n"
          "\n"
          "Repetitions (unless --benchmark_repetitions or --benchmark_min_time say otherwise):\n"
          "a pilot run checks and times each program first. Runs longer than "
       << kPilotLimitSeconds << " s get\n"
       << kSlowRepetitions << " repetitions of one run (the fewest that give a confidence interval;\n"
          "naive O0 on mandelbrot runs 3 times, not for seconds x repetitions); runs of "
       << kMediumRunSeconds << "-" << kPilotLimitSeconds << " s\n" << kMediumRepetitions
       << " repetitions of one run; shorter runs " << kFastRepetitions << " repetitions of at least "
       << kFastMinTime << " s\nof run time each. Compiles: " << kCompileRepetitions << " repetitions of "
       << kCompileMinTime << " s each; " << kIntervalRepetitions << " of one compile when one takes over "
       << kSlowCompileSeconds << " s,\none when it takes over " << kLongCompileSeconds
       << " s (a C compiler on a big program). A row with fewer than " << kFastRepetitions
       << "\nrepetitions says why in its label. --quick: everything once, no sigma.\n"
          "\n"
          "Counters: ops (after optimization), code_bytes (generated code; 0 for interpreters),\n"
          "output_bytes, loop_tests (executed '[' and ']' tests, where a pilot run counted them).\n"
          "real_time is the run alone, on bfbench's clock; cpu_time also covers the tape reset.\n"
          "\n"
          "Reports: --out FILE writes the format --format names; without --format, CSV when FILE\n"
          "ends in .csv and JSON otherwise (the machine and build are in the JSON's context). The\n"
          "CSV is a header line, then one line per run (repetitions and their aggregates), one\n"
          "column per field, a cell empty where the run has no value. Its columns:\n"
       << wrapped(csv_header(), ',', 2, 92) << "\n"
          "Google Benchmark flags pass through, in the form --benchmark_NAME=VALUE: filter (a regex\n"
          "on the names above; -REGEX excludes), repetitions, min_time (seconds, a plain number),\n"
          "out, out_format, format, list_tests, counters_tabular, enable_random_interleaving, ...\n"
          "The JSON is Google Benchmark's own, so its compare.py reads it:\n"
          "  /usr/share/benchmark/compare.py benchmarks old.json new.json\n"
          "\n";
  help << driver_options_description();
  return help.str();
}

}  // namespace bf::driver
