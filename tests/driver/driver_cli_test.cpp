// bfbench's benchmark driver end to end on a tiny corpus: the JSON, the names, the counters, the
// checks that fail a wrong benchmark, and the usage errors.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <optional>
#include <regex>
#include <set>
#include <sstream>

#include "engines/builtin_engines.h"
#include "tests/driver/report_csv.h"
#include "tests/driver/report_json.h"
#include "tests/driver/tiny_corpus.h"
#include "tests/support/process.h"
#include "tests/support/test_corpus.h"

namespace bf::testing {
namespace {

const std::string kBfbench = BFBENCH_BINARY;

ProcessResult bfbench(std::vector<std::string> args) {
  args.insert(args.begin(), kBfbench);
  return run_process(args, "", std::chrono::seconds(300));
}

std::string report_path(const std::string& name) { return ::testing::TempDir() + name + ".json"; }

std::vector<std::string> available_engines() {
  std::vector<std::string> names;
  for (const EngineInfo& info : builtin_engines().all()) {
    if (info.available) names.push_back(info.name);
  }
  return names;
}

// Every error is one line on stderr.
void expect_one_line(const ProcessResult& r) {
  ASSERT_FALSE(r.err.empty());
  EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << r.err;
}

TEST(Driver, QuickRunWritesGoogleBenchmarkJsonWithOneBenchmarkPerPhaseEngineProgramLevel) {
  const std::string corpus = write_tiny_corpus("scheme", tiny_programs());
  const std::string json = report_path("scheme");
  const ProcessResult r = bfbench({"--corpus", corpus, "--quick", "--program=all", "--out", json});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Report report = read_report(json);

  std::set<std::string> expected;
  for (const char* phase : {"run", "compile"}) {
    for (const std::string& engine : available_engines()) {
      for (const char* program : {"letters", "echo", "last"}) {
        for (const char* level : {"O0", "O1", "O2", "O3"}) {
          expected.insert(std::string(phase) + "/" + engine + "/" + program + "/" + level);
        }
      }
    }
  }
  std::set<std::string> seen;
  const std::regex scheme("(run|compile)/[a-z0-9_]+/[a-z0-9_]+/O[0-3]");
  for (const ReportEntry& entry : report.entries) {
    EXPECT_TRUE(std::regex_match(entry.name, scheme)) << entry.name;
    EXPECT_TRUE(seen.insert(entry.name).second) << "twice: " << entry.name;  // --quick: one each
    EXPECT_FALSE(entry.error) << entry.name << ": " << entry.error_message;
  }
  EXPECT_EQ(seen, expected);
}

TEST(Driver, CountersAndContextArePresent) {
  const std::string corpus = write_tiny_corpus("counters", tiny_programs());
  const std::string json = report_path("counters");
  const ProcessResult r = bfbench({"--corpus", corpus, "--quick", "--program=letters,echo", "--out", json});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  Report report = read_report(json);
  ASSERT_FALSE(report.entries.empty());
  for (const ReportEntry& entry : report.entries) {
    EXPECT_TRUE(entry.counters.count("ops")) << entry.name;
    EXPECT_TRUE(entry.counters.count("code_bytes")) << entry.name;
    if (entry.name.rfind("run/", 0) == 0) {
      const double expected_bytes = entry.name.find("/letters/") != std::string::npos ? 3 : 8;
      EXPECT_EQ(entry.counters.at("output_bytes"), expected_bytes) << entry.name;
    } else {
      EXPECT_EQ(entry.counters.at("source_bytes"), entry.name.find("/letters/") != std::string::npos ? 42 : 5)
          << entry.name;
    }
  }
  // O0 is one op per command; O1 folds the runs, so it has fewer.
  EXPECT_EQ(report.named("run/naive/letters/O0").at(0)->counters.at("ops"), 42);
  EXPECT_LT(report.named("run/naive/letters/O1").at(0)->counters.at("ops"), 42);
  for (const char* key : {"git_commit", "compiler", "compiler_flags", "build_type", "engines", "cpu_model",
                          "benchmark_library", "library_build_type", "timing", "command_line", "os",
                          "kernel", "glibc", "cpu_flags", "cpu_governor", "smt"}) {
    EXPECT_FALSE(report.context[key].empty()) << key;
  }
  // The command as typed (argv[0] and every option), and where each program comes from.
  EXPECT_NE(report.context["command_line"].find("--quick"), std::string::npos);
  EXPECT_EQ(report.context["glibc"].rfind("glibc 2.", 0), 0u) << report.context["glibc"];
  EXPECT_NE(report.context["kernel"].find("Linux"), std::string::npos);
  EXPECT_EQ(report.context["program:letters"], "category: benchmark; provenance: written for the driver tests");
  EXPECT_NE(report.context["benchmark_library"].find("debug"), std::string::npos);
  EXPECT_NE(report.context["engines"].find("naive: available"), std::string::npos);
}

// The console's "Warnings:" lines after the summary ("  ! ..."), in order.
std::vector<std::string> console_warnings(const std::string& out) {
  std::vector<std::string> lines;
  std::istringstream in(out.substr(std::min(out.find("\nWarnings:\n"), out.size())));
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("  ! ", 0) == 0) lines.push_back(line.substr(4));
  }
  return lines;
}

TEST(Driver, TheResultsFileCarriesTheSameWarningsAsTheConsole) {
  std::vector<TinyProgram> programs = tiny_programs();
  programs[0].wrong_hash = true;  // letters: a failure, named in the warnings
  const std::string corpus = write_tiny_corpus("warnings", programs);
  const std::string json = report_path("warnings");
  // No naive engine: no baseline for speed-ups, a warning of its own.
  const ProcessResult r = bfbench({"--corpus", corpus, "--quick", "--engine=threaded",
                                   "--program=letters,echo", "--level=O1", "--out", json});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  const Report report = read_report(json);
  ASSERT_TRUE(report.warnings.has_value()) << "no \"warnings\" member in " << json;
  EXPECT_EQ(*report.warnings, console_warnings(r.out)) << r.out;
  const std::string all = [&] {
    std::string text;
    for (const std::string& line : *report.warnings) text += line + "\n";
    return text;
  }();
  EXPECT_NE(all.find("1 benchmark failed"), std::string::npos) << all;
  EXPECT_NE(all.find("run/threaded/letters/O1"), std::string::npos) << all;
  EXPECT_NE(all.find("--quick ran everything once"), std::string::npos) << all;
  EXPECT_NE(all.find("no naive O0 run of letters, echo"), std::string::npos) << all;
  // Said once, among the warnings, not again under each program's ranking.
  const size_t first = r.out.find("no naive O0 run");
  EXPECT_EQ(r.out.find("no naive O0 run", first + 1), std::string::npos) << r.out;
}

TEST(Driver, ADeliberatelyWrongHashFailsThatBenchmarkWithoutATime) {
  std::vector<TinyProgram> programs = tiny_programs();
  programs[0].wrong_hash = true;  // letters
  const std::string corpus = write_tiny_corpus("wrong", programs);
  const std::string json = report_path("wrong");
  const ProcessResult r = bfbench({"--corpus", corpus, "--quick", "--program=all", "--out", json});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  const Report report = read_report(json);
  size_t failed = 0;
  for (const ReportEntry& entry : report.entries) {
    const bool letters_run = entry.name.rfind("run/", 0) == 0 && entry.name.find("/letters/") != std::string::npos;
    EXPECT_EQ(entry.error, letters_run) << entry.name;
    if (!letters_run) continue;
    ++failed;
    EXPECT_EQ(entry.real_time, 0) << entry.name;
    // The message names the engine, the program and the level.
    const std::string engine = entry.name.substr(4, entry.name.find('/', 4) - 4);
    const std::string level = entry.name.substr(entry.name.size() - 2);
    EXPECT_NE(entry.error_message.find("engine " + engine), std::string::npos) << entry.error_message;
    EXPECT_NE(entry.error_message.find("letters"), std::string::npos) << entry.error_message;
    EXPECT_NE(entry.error_message.find(level), std::string::npos) << entry.error_message;
    EXPECT_NE(entry.error_message.find("SHA-256"), std::string::npos) << entry.error_message;
  }
  EXPECT_EQ(failed, available_engines().size() * 4);
  EXPECT_NE(r.out.find("Failed"), std::string::npos) << r.out;
}

TEST(Driver, AProgramThatTrapsOnPurposeIsCheckedForItsTrap) {
  // 4096 cells set to 1, then '+' (byte 3) touches cell 4096.
  std::vector<TinyProgram> programs = {{"trap", "+[>+]", "", "", "keep", "4096", "tape-overflow@3", "tape"},
                                       {"bad_trap", "+[>+]", "", "", "keep", "4096", "tape-overflow@1", "tape"}};
  const std::string corpus = write_tiny_corpus("trap", programs);
  const std::string json = report_path("trap");
  const ProcessResult r = bfbench({"--corpus", corpus, "--quick", "--engine=naive", "--program=trap,bad_trap",
                                   "--level=O0,O3", "--out", json});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  const Report report = read_report(json);
  for (const char* level : {"O0", "O3"}) {
    EXPECT_FALSE(report.named(std::string("run/naive/trap/") + level).at(0)->error) << level;
    const ReportEntry* bad = report.named(std::string("run/naive/bad_trap/") + level).at(0);
    EXPECT_TRUE(bad->error) << level;
    EXPECT_NE(bad->error_message.find("tape overflow at byte 3, expected tape overflow at byte 1"),
              std::string::npos) << bad->error_message;
  }
  // --program=all leaves out programs that trap on purpose: nothing is left to benchmark here.
  const ProcessResult all = bfbench({"--corpus", corpus, "--quick", "--program=all", "--engine=naive"});
  EXPECT_EQ(all.exit_code, 64) << all.err;
}

TEST(Driver, WithoutQuickFastRunsAreRepeatedAndThePilotCountsLoopTests) {
  const std::string corpus = write_tiny_corpus("plan", tiny_programs());
  const std::string json = report_path("plan");
  const ProcessResult r = bfbench({"--corpus", corpus, "--engine=naive", "--program=letters", "--level=O0,O3",
                                   "--out", json});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Report report = read_report(json);
  const std::vector<const ReportEntry*> runs = report.named("run/naive/letters/O0");
  ASSERT_EQ(runs.size(), 5u);  // a run this short gets five repetitions
  // '[' once and ']' eight times.
  EXPECT_EQ(runs[0]->counters.at("loop_tests"), 9);
  EXPECT_EQ(report.named("run/naive/letters/O0_mean").size(), 1u);
  EXPECT_EQ(report.named("run/naive/letters/O0_stddev").size(), 1u);
  EXPECT_EQ(report.named("compile/naive/letters/O3").size(), 5u);
  // The console summary ranks both levels against naive O0, with a sigma.
  EXPECT_NE(r.out.find("(baseline)"), std::string::npos) << r.out;
  EXPECT_TRUE(std::regex_search(r.out, std::regex("[0-9]+\\.[0-9]{2} ± [0-9]+\\.[0-9]{2} times (faster|slower) "
                                                  "than naive O0")))
      << r.out;
}

TEST(Driver, BenchmarkFlagsPassThrough) {
  const std::string corpus = write_tiny_corpus("flags", tiny_programs());
  const ProcessResult list = bfbench({"--corpus", corpus, "--program=all", "--benchmark_list_tests",
                                      "--benchmark_filter=^run/naive/letters/O[12]$"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_EQ(list.out, "run/naive/letters/O1\nrun/naive/letters/O2\n");

  const std::string json = report_path("flags");
  const ProcessResult run = bfbench({"--corpus", corpus, "--program=all", "--benchmark_repetitions=2",
                                     "--benchmark_min_time=0.01", "--benchmark_filter=^run/naive/echo/O3$",
                                     "--benchmark_out=" + json, "--benchmark_format=json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const Report report = read_report(json);
  EXPECT_EQ(report.named("run/naive/echo/O3").size(), 2u);
  for (const ReportEntry& entry : report.entries) EXPECT_EQ(entry.name.rfind("run/naive/echo/O3", 0), 0u);
  // --benchmark_format=json puts JSON on stdout, and the summary goes to stderr.
  EXPECT_EQ(run.out.rfind("{", 0), 0u) << run.out;
  EXPECT_NE(run.err.find("Summary"), std::string::npos);
}

// The columns of every CSV report, in order (bfbench --help lists them).
const std::vector<std::string> kCsvColumns = {
    "name", "phase", "engine", "program", "level", "run_type", "aggregate_name", "aggregate_unit",
    "repetition_index", "repetitions", "iterations", "real_time", "cpu_time", "time_unit", "ops",
    "code_bytes", "source_bytes", "output_bytes", "loop_tests", "bytes_per_second",
    "error_occurred", "error_message"};

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// The cell of `row` in column `name`.
const std::string& cell(const CsvTable& table, const std::vector<std::string>& row,
                        const std::string& name) {
  return row.at(table.column(name));
}

TEST(Driver, OutFileNamedCsvIsCsvWithTheHeaderFirstAndEmptyCellsForAbsentValues) {
  std::vector<TinyProgram> programs = tiny_programs();
  programs[0].wrong_hash = true;  // letters: its runs fail, so they have no time
  const std::string corpus = write_tiny_corpus("csv_file", programs);
  const std::string path = ::testing::TempDir() + "csv_file.csv";
  const ProcessResult r = bfbench({"--corpus", corpus, "--quick", "--engine=naive",
                                   "--program=letters,last", "--level=O0,O2", "--out", path});
  EXPECT_EQ(r.exit_code, 1) << r.err;  // the wrong hash
  const std::string text = read_file(path);
  EXPECT_EQ(text.rfind("name,phase,engine,program,level,", 0), 0u) << text.substr(0, 200);
  EXPECT_EQ(text.find("nan"), std::string::npos) << text;
  const std::optional<CsvTable> table = read_csv(path);
  if (!table) {
    if (running_in_ci()) FAIL() << "/usr/bin/python3 is required under CI=true";
    GTEST_SKIP() << "no /usr/bin/python3 to read the CSV with";
  }
  EXPECT_EQ(table->header, kCsvColumns);
  ASSERT_EQ(table->rows.size(), 8u);  // --quick: 2 phases x 2 programs x 2 levels, once each
  for (const std::vector<std::string>& row : table->rows) {
    ASSERT_EQ(row.size(), kCsvColumns.size()) << row.at(0);
    const auto& at = [&](const char* column) -> const std::string& {
      return cell(*table, row, column);
    };
    const std::string& name = at("name");
    EXPECT_EQ(name, at("phase") + "/" + at("engine") + "/" + at("program") + "/" + at("level"));
    EXPECT_EQ(at("run_type"), "iteration") << name;
    EXPECT_EQ(at("aggregate_name"), "") << name;
    EXPECT_EQ(at("repetition_index"), "0") << name;
    const bool run = at("phase") == "run";
    const bool failed = run && at("program") == "letters";
    EXPECT_EQ(at("error_occurred"), failed ? "true" : "false") << name;
    EXPECT_EQ(at("loop_tests"), "") << name;  // --quick has no pilot run to count them
    if (failed) {  // no time, no counters: empty cells
      EXPECT_EQ(at("real_time"), "") << name;
      EXPECT_EQ(at("time_unit"), "") << name;
      EXPECT_EQ(at("ops"), "") << name;
      EXPECT_NE(at("error_message").find("SHA-256"), std::string::npos) << at("error_message");
    } else {
      // Each phase has counters the other lacks.
      EXPECT_FALSE(at("ops").empty()) << name;
      EXPECT_EQ(at("source_bytes").empty(), run) << name;
      EXPECT_EQ(at("bytes_per_second").empty(), run) << name;
      EXPECT_EQ(at("output_bytes").empty(), !run) << name;
      EXPECT_GT(std::stod(at("real_time")), 0) << name;
      EXPECT_FALSE(at("time_unit").empty()) << name;
      EXPECT_EQ(at("error_message"), "") << name;
    }
  }
  // --format still decides: the same name with --format=json gets JSON.
  const ProcessResult json = bfbench({"--corpus", corpus, "--quick", "--engine=naive",
                                      "--program=last", "--level=O0", "--format=json", "--out",
                                      path});
  EXPECT_EQ(json.exit_code, 0) << json.err;
  EXPECT_EQ(read_file(path).rfind("{", 0), 0u);
}

TEST(Driver, CsvOnStdoutHasEveryCounterOfTheJsonAndEveryAggregate) {
  const std::string corpus = write_tiny_corpus("csv_stdout", tiny_programs());
  const std::string json = report_path("csv_stdout");
  const std::string csv = ::testing::TempDir() + "csv_stdout.csv";
  const ProcessResult r = bfbench({"--corpus", corpus, "--engine=naive", "--program=letters,echo",
                                   "--level=O0,O2", "--benchmark_repetitions=2",
                                   "--benchmark_min_time=0.01", "--format=csv",
                                   "--benchmark_out=" + json});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("name,phase,engine,program,level,", 0), 0u) << r.out.substr(0, 200);
  EXPECT_NE(r.err.find("Summary"), std::string::npos);  // not in the CSV
  std::ofstream(csv, std::ios::binary) << r.out;
  const std::optional<CsvTable> table = read_csv(csv);
  if (!table) {
    if (running_in_ci()) FAIL() << "/usr/bin/python3 is required under CI=true";
    GTEST_SKIP() << "no /usr/bin/python3 to read the CSV with";
  }
  const Report report = read_report(json);
  ASSERT_EQ(table->rows.size(), report.entries.size());
  std::set<std::string> aggregates;
  for (size_t i = 0; i < report.entries.size(); ++i) {
    const ReportEntry& entry = report.entries[i];
    const std::vector<std::string>& row = table->rows[i];
    ASSERT_EQ(row.size(), table->header.size()) << entry.name;
    EXPECT_EQ(cell(*table, row, "name"), entry.name);
    EXPECT_EQ(cell(*table, row, "run_type"), entry.run_type) << entry.name;
    EXPECT_EQ(cell(*table, row, "aggregate_name"), entry.aggregate_name) << entry.name;
    if (!entry.aggregate_name.empty()) aggregates.insert(entry.aggregate_name);
    // Every counter the JSON has is a column with the same value.
    for (const auto& [counter, value] : entry.counters) {
      const std::string& text = cell(*table, row, counter);
      ASSERT_FALSE(text.empty()) << entry.name << " " << counter;
      EXPECT_DOUBLE_EQ(std::stod(text), value) << entry.name << " " << counter;
    }
  }
  EXPECT_EQ(aggregates, (std::set<std::string>{"mean", "median", "stddev", "cv"}));
}

TEST(Driver, UnknownNamesAreUsageErrorsListingTheValidOnes) {
  const std::string corpus = write_tiny_corpus("names", tiny_programs());
  const ProcessResult engine = bfbench({"--corpus", corpus, "--engine=naive,warp"});
  EXPECT_EQ(engine.exit_code, 64);
  expect_one_line(engine);
  EXPECT_NE(engine.err.find("unknown engine 'warp' (valid: all, naive"), std::string::npos) << engine.err;

  const ProcessResult program = bfbench({"--corpus", corpus, "--program=nope"});
  EXPECT_EQ(program.exit_code, 64);
  expect_one_line(program);
  EXPECT_NE(program.err.find("valid: all, letters, echo, last"), std::string::npos) << program.err;

  const ProcessResult level = bfbench({"--corpus", corpus, "--level=O1,O9"});
  EXPECT_EQ(level.exit_code, 64);
  expect_one_line(level);
  EXPECT_NE(level.err.find("O0, O1, O2, O3"), std::string::npos) << level.err;

  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"--format=xml"}, {"--benchmark_bogus=1"}, {"--benchmark_filter=("},
        {"--benchmark_filter=^nothing$"}, {"--warp"}}) {
    std::vector<std::string> full = {"--corpus", corpus};
    full.insert(full.end(), args.begin(), args.end());
    const ProcessResult r = bfbench(full);
    EXPECT_EQ(r.exit_code, 64) << args[0] << ": " << r.err;
    expect_one_line(r);
  }
}

TEST(Driver, MissingBenchmarkProgramsOrAnUnwritableReportFailBeforeMeasuring) {
  std::vector<TinyProgram> programs = tiny_programs();
  for (TinyProgram& p : programs) p.category = "conformance";
  const std::string corpus = write_tiny_corpus("no_benchmarks", programs);
  const ProcessResult none = bfbench({"--corpus", corpus});
  EXPECT_EQ(none.exit_code, 66);
  expect_one_line(none);
  EXPECT_NE(none.err.find("scripts/fetch-corpus"), std::string::npos) << none.err;

  const ProcessResult out = bfbench({"--corpus", corpus, "--quick", "--out", "/nonexistent/dir/report.json"});
  EXPECT_EQ(out.exit_code, 74);
  expect_one_line(out);

  const ProcessResult no_corpus = bfbench({"--corpus", "/nonexistent"});
  EXPECT_EQ(no_corpus.exit_code, 66);
  expect_one_line(no_corpus);
}

TEST(Driver, UnavailableEnginesAreListedAsSkipped) {
  // The cc engine looks its compiler up when bfbench starts: a CC naming no program makes it
  // unavailable in the child, whatever this machine has installed.
  const std::string no_compiler = "/nonexistent/bfbench-test-cc";
  const char* previous = std::getenv("CC");
  const std::optional<std::string> saved = previous ? std::optional<std::string>(previous) : std::nullopt;
  ::setenv("CC", no_compiler.c_str(), 1);
  const std::string corpus = write_tiny_corpus("skipped", tiny_programs());
  const ProcessResult r = bfbench({"--corpus", corpus, "--quick", "--program=letters", "--engine=naive,cc"});
  if (saved) ::setenv("CC", saved->c_str(), 1); else ::unsetenv("CC");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("skipping engine cc: CC='" + no_compiler + "' names no executable program"),
            std::string::npos) << r.err;
  EXPECT_NE(r.out.find("skipped engine cc"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("run/naive/letters/"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace bf::testing
