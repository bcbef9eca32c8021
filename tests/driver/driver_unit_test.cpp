// The driver's pieces on their own: result checks, filters, plans, statistics, names, summary.
#include <gtest/gtest.h>

#include <cmath>
#include <sstream>

#include "cli/driver/bench_name.h"
#include "cli/driver/csv_reporter.h"
#include "cli/driver/name_filter.h"
#include "cli/driver/options.h"
#include "cli/driver/output_check.h"
#include "cli/driver/plan.h"
#include "cli/driver/progress.h"
#include "cli/driver/statistics.h"
#include "cli/driver/summary.h"
#include "cli/driver/warnings.h"
#include "cli/sha256.h"

namespace bf::driver {
namespace {

TEST(DriverOutputCheck, AcceptsTheExpectedOutputAndNamesWhatDiffers) {
  OutputCheck check(sha256_hex("ab\n"), RunStatus::kOk, 0);
  EXPECT_EQ(check.check("ab\n", RunResult{}), "");
  EXPECT_EQ(check.check("ab\n", RunResult{}), "");  // again, now against the confirmed bytes
  const std::string wrong = check.check("ab", RunResult{});
  EXPECT_NE(wrong.find("output is 2 bytes with SHA-256 " + sha256_hex("ab").substr(0, 12)), std::string::npos)
      << wrong;
  EXPECT_NE(wrong.find("expected SHA-256 " + sha256_hex("ab\n").substr(0, 12)), std::string::npos) << wrong;
}

TEST(DriverOutputCheck, AnUnexpectedTrapIsWrongEvenWithTheRightOutput) {
  OutputCheck check(sha256_hex(""), RunStatus::kOk, 0);
  EXPECT_EQ(check.check("", RunResult{RunStatus::kTapeOverflow, 7, 4096}),
            "ended with tape overflow at byte 7, expected a normal end");
}

TEST(DriverOutputCheck, AnExpectedTrapMustHappenAtTheSameByte) {
  OutputCheck check(sha256_hex("x"), RunStatus::kTapeUnderflow, 5);
  EXPECT_EQ(check.check("x", RunResult{RunStatus::kTapeUnderflow, 5, -1}), "");
  EXPECT_EQ(check.check("x", RunResult{RunStatus::kTapeUnderflow, 6, -1}),
            "ended with tape underflow at byte 6, expected tape underflow at byte 5");
  EXPECT_EQ(check.check("x", RunResult{}), "ended with a normal end, expected tape underflow at byte 5");
}

TEST(DriverNameFilter, BehavesLikeGoogleBenchmarksFilter) {
  EXPECT_TRUE(NameFilter("").matches("run/naive/hanoi/O2"));
  EXPECT_TRUE(NameFilter("all").matches("compile/naive/hanoi/O2"));
  EXPECT_TRUE(NameFilter("naive/hanoi").matches("run/naive/hanoi/O2"));  // a search, not a full match
  EXPECT_TRUE(NameFilter("^run/naive/hanoi/O2$").matches("run/naive/hanoi/O2"));
  EXPECT_FALSE(NameFilter("^run/naive/hanoi/O2$").matches("compile/naive/hanoi/O2"));
  EXPECT_TRUE(NameFilter("O(1|3)$").matches("run/naive/hanoi/O3"));
  EXPECT_FALSE(NameFilter("-^compile/").matches("compile/naive/hanoi/O2"));
  EXPECT_TRUE(NameFilter("-^compile/").matches("run/naive/hanoi/O2"));
}

TEST(DriverPlan, EveryRunGetsAnIntervalFastOnesForAFixedBudgetLongCompilesOnce) {
  const PlanInputs defaults;
  const Plan slow = plan_run(std::nullopt, 0, defaults);
  EXPECT_EQ(slow.iterations, 1);
  EXPECT_EQ(slow.repetitions, kIntervalRepetitions);
  EXPECT_NE(slow.why.find("one run takes over 0.5 s"), std::string::npos) << slow.why;
  EXPECT_EQ(plan_run(0.3, 0, defaults), (Plan{1, kMediumRepetitions, {}}));
  // 1 ms runs: about kFastMinTime of them per repetition.
  EXPECT_EQ(plan_run(0.001, 0, defaults), (Plan{100, kFastRepetitions, {}}));
  // A 1 us run behind a 49 us tape reset: the reset counts, or a repetition would last 5 s.
  EXPECT_EQ(plan_run(0.000001, 0.000049, defaults), (Plan{2000, kFastRepetitions, {}}));
  EXPECT_EQ(plan_run(0.0, 0, defaults), (Plan{kMaxIterations, kFastRepetitions, {}}));
  const Plan slow_compile = plan_compile(2.0, defaults);
  EXPECT_EQ(slow_compile.repetitions, kIntervalRepetitions);
  EXPECT_NE(slow_compile.why.find("one compile takes 2 s"), std::string::npos) << slow_compile.why;
  const Plan long_compile = plan_compile(7.4, defaults);
  EXPECT_EQ(long_compile.repetitions, 1);
  EXPECT_NE(long_compile.why.find("7.4 s"), std::string::npos) << long_compile.why;
  EXPECT_EQ(plan_compile(0.0001, defaults), (Plan{500, kCompileRepetitions, {}}));
}

TEST(DriverPlan, QuickRunsOnceAndTheUsersFlagsWin) {
  EXPECT_EQ(plan_run(0.001, 0, PlanInputs{true, false, false}), (Plan{1, 1, {}}));
  EXPECT_EQ(plan_compile(5.0, PlanInputs{true, false, false}), (Plan{1, 1, {}}));
  EXPECT_EQ(plan_run(std::nullopt, 0, PlanInputs{false, true, false}), (Plan{1, 0, {}}));  // no why
  EXPECT_EQ(plan_run(0.001, 0, PlanInputs{false, false, true}), (Plan{0, kFastRepetitions, {}}));
  EXPECT_EQ(plan_run(std::nullopt, 0, PlanInputs{false, true, true}), (Plan{0, 0, {}}));
}

TEST(DriverStatistics, MeanAndSampleStandardDeviation) {
  const Stats stats = stats_of({2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0});
  EXPECT_DOUBLE_EQ(stats.mean, 5.0);
  ASSERT_TRUE(stats.stddev);
  EXPECT_NEAR(*stats.stddev, 2.138, 0.001);  // n - 1 in the denominator
  EXPECT_FALSE(stats_of({3.0}).stddev);
}

TEST(DriverStatistics, SpeedupPropagatesRelativeErrors) {
  const Speedup s = speedup(Stats{10.0, 1.0, 3}, Stats{2.0, 0.2, 3});
  EXPECT_DOUBLE_EQ(s.ratio, 5.0);
  ASSERT_TRUE(s.sigma);
  EXPECT_NEAR(*s.sigma, 5.0 * std::sqrt(0.01 + 0.01), 1e-12);
  EXPECT_FALSE(speedup(Stats{10.0, std::nullopt, 1}, Stats{2.0, 0.2, 3}).sigma);
}

TEST(DriverStatistics, TimesAreShownInTheLargestFittingUnit) {
  EXPECT_EQ(format_seconds(11.03), "11.0 s");
  EXPECT_EQ(format_seconds(0.01234), "12.3 ms");
  EXPECT_EQ(format_seconds(0.000850), "850 us");
  EXPECT_EQ(format_stats(Stats{0.01234, 0.00041, 3}), "12.3 ms ± 0.41 ms");
}

TEST(DriverBenchName, RoundTrips) {
  const BenchName name{Phase::kCompile, "handjit", "hanoi", 3};
  EXPECT_EQ(name.str(), "compile/handjit/hanoi/O3");
  const auto parsed = BenchName::parse("compile/handjit/hanoi/O3");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->str(), name.str());
  EXPECT_FALSE(BenchName::parse("run/naive/hanoi/O3/repeats:2"));
  EXPECT_FALSE(BenchName::parse("walk/naive/hanoi/O3"));
  EXPECT_FALSE(BenchName::parse("run/naive/hanoi/3"));
}

TEST(DriverBenchName, AnExternalEngineHasNoLevelAndOnlyAsAProcess) {
  const BenchName name{Phase::kProcess, "tritium", "hanoi", kNoLevel};
  EXPECT_EQ(name.str(), "process/tritium/hanoi");
  const auto parsed = BenchName::parse("process/tritium/hanoi");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->level, kNoLevel);
  EXPECT_EQ(parsed->engine, "tritium");
  EXPECT_EQ(BenchName::parse("process/asmjit/hanoi/O3")->level, 3);
  EXPECT_FALSE(BenchName::parse("run/tritium/hanoi"));
}

TEST(DriverProgress, ShowsIndexTotalAndNameOnlyWhenEnabled) {
  std::ostringstream quiet;
  Progress off(quiet, false);
  off.start(120);
  off.show(17, "run/threaded/hanoi/O2");
  off.clear();
  EXPECT_EQ(quiet.str(), "");

  std::ostringstream terminal;
  Progress on(terminal, true);
  on.start(120);
  EXPECT_EQ(on.line(17, "run/threaded/hanoi/O2").rfind("[17/120] run/threaded/hanoi/O2  (0:00 elapsed)", 0), 0u);
  on.show(17, "run/threaded/hanoi/O2");
  on.clear();
  EXPECT_EQ(terminal.str().rfind("\r\033[K[17/120] run/threaded/hanoi/O2", 0), 0u);
  EXPECT_EQ(terminal.str().substr(terminal.str().size() - 4), "\r\033[K");
  EXPECT_EQ(format_duration(3723), "1:02:03");
}

TEST(DriverProgress, SaysHowLongTheRestTakesFromTheExpectedTimes) {
  std::ostringstream terminal;
  Progress on(terminal, true);
  // 60 s, 30 s, a step the pilot could not time (at least 90 s), 5 s.
  on.start({60.0, 30.0, std::nullopt, 5.0}, 90.0);
  EXPECT_NE(on.line(2, "b").find("(0:00 elapsed, about 2:05 left)"), std::string::npos)
      << on.line(2, "b");
  EXPECT_NE(on.line(4, "d").find("about 0:05 left"), std::string::npos) << on.line(4, "d");
  Progress plain(terminal, true);
  plain.start(3);
  EXPECT_EQ(plain.line(1, "a").find("left"), std::string::npos);
}

TEST(DriverSummary, RanksRunsAgainstNaiveO0AndWarnsAboutTooFewRepetitionsAndNoise) {
  RunLog log;
  for (double s : {10.0, 10.2}) log.add_sample("run/naive/hanoi/O0", s);
  for (double s : {0.10, 0.10, 0.10, 0.10, 0.10}) log.add_sample("run/fastjit/hanoi/O3", s);
  for (double s : {1.0, 1.5, 2.0, 1.2, 1.8}) log.add_sample("run/noisy/hanoi/O3", s);
  log.add_failure("run/broken/hanoi/O1", "wrong result from engine broken on hanoi at O1: ...");
  for (double s : {0.001, 0.001, 0.001}) log.add_sample("compile/fastjit/hanoi/O3", s);
  RunFacts facts;
  SummaryInputs inputs;
  inputs.programs = {"hanoi"};
  inputs.warnings = collect_warnings(log, facts);
  std::ostringstream out;
  print_summary(out, log, inputs);
  const std::string text = out.str();

  const auto fast = text.find("1. fastjit O3");
  const auto noisy = text.find("2. noisy   O3");
  const auto naive = text.find("3. naive   O0");
  ASSERT_NE(fast, std::string::npos) << text;
  ASSERT_NE(noisy, std::string::npos) << text;
  ASSERT_NE(naive, std::string::npos) << text;
  EXPECT_LT(fast, noisy);
  EXPECT_LT(noisy, naive);
  EXPECT_NE(text.find("101.00 ± 1.41 times faster than naive O0"), std::string::npos) << text;
  EXPECT_NE(text.find("(baseline)"), std::string::npos);
  EXPECT_NE(text.find("broken O1: FAILED"), std::string::npos);
  EXPECT_NE(text.find("run/broken/hanoi/O1: wrong result from engine broken"), std::string::npos);
  EXPECT_NE(text.find("fewer than 3 repetitions"), std::string::npos);
  EXPECT_NE(text.find("--benchmark_repetitions=5 --benchmark_filter='^(run/naive/hanoi/O0)$'"), std::string::npos)
      << text;
  EXPECT_NE(text.find("varied by more than 5%"), std::string::npos) << text;
  EXPECT_NE(text.find("run/noisy/hanoi/O3"), std::string::npos);
  EXPECT_NE(text.find("1 benchmark failed (an error, never a time; each says why): "
                      "run/broken/hanoi/O1"), std::string::npos) << text;
  // Three repetitions give an interval but cannot make a significant change in scripts/compare.
  EXPECT_NE(text.find("1 benchmark ran 3 or 4 repetitions"), std::string::npos) << text;
  EXPECT_NE(text.find("compile/fastjit/hanoi/O3. To compare them"), std::string::npos) << text;
  EXPECT_EQ(text.find("no naive O0 run"), std::string::npos) << text;
}

TEST(DriverWarnings, ProgramsWithoutABaselineRunAndSkippedEnginesAreNamed) {
  RunLog log;
  for (double s : {0.1, 0.1, 0.1, 0.1, 0.1}) log.add_sample("run/fastjit/hanoi/O3", s);
  for (double s : {0.1, 0.1, 0.1, 0.1, 0.1}) log.add_sample("run/naive/long/O0", s);
  log.add_failure("run/naive/bench/O0", "wrong result");  // a failed baseline is no baseline
  for (double s : {0.1, 0.1, 0.1, 0.1, 0.1}) log.add_sample("run/fastjit/bench/O3", s);
  EngineInfo missing;
  missing.name = "cc";
  missing.available = false;
  missing.unavailable_reason = "no C compiler";
  RunFacts facts;
  facts.skipped = {&missing};
  const std::vector<std::string> lines = collect_warnings(log, facts);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].rfind("1 benchmark failed", 0), 0u) << lines[0];
  EXPECT_EQ(lines[1], "no naive O0 run of hanoi, bench: no speed-ups there (include naive in "
                      "--engine and O0 in --level)");
  EXPECT_EQ(lines[2], "skipped engine cc: no C compiler");
}

TEST(DriverCsv, AFieldIsQuotedOnlyWhenItHoldsACommaAQuoteOrALineBreak) {
  EXPECT_EQ(csv_field("run/naive/hanoi/O2"), "run/naive/hanoi/O2");
  EXPECT_EQ(csv_field(""), "");
  EXPECT_EQ(csv_field("a, b"), "\"a, b\"");
  EXPECT_EQ(csv_field(R"(say "hi")"), R"("say ""hi""")");
  EXPECT_EQ(csv_field("two\nlines"), "\"two\nlines\"");
}

benchmark::BenchmarkReporter::Run csv_test_run(const std::string& name) {
  benchmark::BenchmarkReporter::Run run;
  run.run_name.function_name = name;
  run.iterations = 4;
  run.repetitions = 3;
  run.repetition_index = 1;
  run.time_unit = benchmark::kMillisecond;
  run.real_accumulated_time = 0.002;  // seconds over 4 iterations: 0.5 ms each
  run.cpu_accumulated_time = 0.004;
  return run;
}

TEST(DriverCsv, ALineHasOneCellPerColumnAndNothingWhereTheRunHasNoValue) {
  benchmark::BenchmarkReporter::Run run = csv_test_run("run/naive/hanoi/O2");
  run.counters["ops"] = benchmark::Counter(42);
  run.counters["code_bytes"] = benchmark::Counter(std::nan(""));
  EXPECT_EQ(csv_header(),
            "name,phase,engine,program,level,run_type,aggregate_name,aggregate_unit,"
            "repetition_index,repetitions,iterations,real_time,cpu_time,time_unit,ops,code_bytes,"
            "source_bytes,output_bytes,loop_tests,bytes_per_second,error_occurred,error_message");
  EXPECT_EQ(csv_line(run),
            "run/naive/hanoi/O2,run,naive,hanoi,O2,iteration,,,1,3,4,0.5,1,ms,42,,,,,,false,");
}

TEST(DriverCsv, AFailedRunHasNoTimesAndItsMessageStaysOneCell) {
  benchmark::BenchmarkReporter::Run run = csv_test_run("compile/cc/hanoi/O3");
  run.error_occurred = true;
  run.error_message = "cc failed: exit 1, \"no space\"";
  EXPECT_EQ(csv_line(run),
            "compile/cc/hanoi/O3,compile,cc,hanoi,O3,iteration,,,1,3,4,,,,,,,,,,true,"
            R"("cc failed: exit 1, ""no space""")");
}

TEST(DriverCsv, AggregatesNameTheirStatisticAndACoefficientOfVariationHasNoTimeUnit) {
  benchmark::BenchmarkReporter::Run mean = csv_test_run("run/naive/hanoi/O2");
  mean.run_type = benchmark::BenchmarkReporter::Run::RT_Aggregate;
  mean.aggregate_name = "mean";
  mean.iterations = 3;
  mean.real_accumulated_time = 0.0015;  // 3 "iterations" (the repetitions): 0.5 ms
  mean.cpu_accumulated_time = 0.0015;
  EXPECT_EQ(csv_line(mean),
            "run/naive/hanoi/O2_mean,run,naive,hanoi,O2,aggregate,mean,time,,3,3,0.5,0.5,ms,"
            ",,,,,,false,");
  benchmark::BenchmarkReporter::Run cv = mean;
  cv.aggregate_name = "cv";
  cv.aggregate_unit = benchmark::kPercentage;
  cv.real_accumulated_time = 0.25;  // a fraction, not a time
  cv.cpu_accumulated_time = 0.125;
  EXPECT_EQ(csv_line(cv),
            "run/naive/hanoi/O2_cv,run,naive,hanoi,O2,aggregate,cv,percentage,,3,3,0.25,0.125,,"
            ",,,,,,false,");
}

TEST(DriverCsv, ANameThatIsNotPhaseEngineProgramLevelLeavesThoseCellsEmpty) {
  EXPECT_EQ(csv_line(csv_test_run("something_else")).rfind("something_else,,,,,iteration,", 0), 0u);
}

TEST(DriverOptions, OutFileNamedCsvMeansCsv) {
  EXPECT_EQ(format_for_file("report.csv"), ReportFormat::kCsv);
  EXPECT_EQ(format_for_file("/tmp/REPORT.CSV"), ReportFormat::kCsv);
  EXPECT_EQ(format_for_file("report.json"), ReportFormat::kJson);
  EXPECT_EQ(format_for_file("report"), ReportFormat::kJson);
  EXPECT_EQ(format_for_file("csv"), ReportFormat::kJson);
}

}  // namespace
}  // namespace bf::driver
