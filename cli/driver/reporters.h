// Reporters: Google Benchmark's own console and JSON reporters and our CSV one, handed runs whose
// names are just phase/engine/program/level, plus a record of every run for the summary.
#pragma once

#include <benchmark/benchmark.h>

#include <memory>

#include "cli/driver/options.h"
#include "cli/driver/progress.h"
#include "cli/driver/run_log.h"
#include "cli/driver/warnings.h"

namespace bf::driver {

// Google Benchmark appends the per-benchmark settings to each name ("/iterations:1/repeats:2/
// manual_time"). The driver picks those settings per benchmark from its pilot run, so they vary
// from run to run; names that carry them would break filters anchored with '$' and keep
// compare.py from pairing the same benchmark across two files. This wrapper removes them before
// the wrapped reporter sees a run; the settings stay visible in each run's "iterations" and
// "repetitions" fields.
// It also keeps the JSON valid where the library would write NaN (see ReportRuns).
class NamingReporter final : public benchmark::BenchmarkReporter {
 public:
  // `log` and `progress` may be null.
  NamingReporter(std::unique_ptr<benchmark::BenchmarkReporter> inner, size_t name_width, RunLog* log,
                 Progress* progress);

  bool ReportContext(const Context& context) override;
  void ReportRuns(const std::vector<Run>& runs) override;
  void Finalize() override;

 private:
  std::unique_ptr<benchmark::BenchmarkReporter> inner_;
  size_t name_width_;
  RunLog* log_;
  Progress* progress_;
};

// Google Benchmark's JSON, plus a top-level "warnings" member after "benchmarks": the run's
// warnings (warnings.h), written at the end, when every benchmark has run. Readers of the library's
// format (compare.py) ignore the extra member; scripts/report shows it as the report's warnings.
class JsonReporterWithWarnings final : public benchmark::JSONReporter {
 public:
  explicit JsonReporterWithWarnings(RunWarnings* warnings) : warnings_(warnings) {}
  void Finalize() override;

 private:
  RunWarnings* warnings_;
};

// The reporter for `format`: Google Benchmark's console or JSON one, or our CsvReporter. JSON
// carries `warnings` when it is given.
std::unique_ptr<benchmark::BenchmarkReporter> make_reporter(ReportFormat format, bool color,
                                                           bool tabular,
                                                           RunWarnings* warnings = nullptr);

}  // namespace bf::driver
