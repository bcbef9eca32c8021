// CsvReporter: a header line, then one line per run with one column per field -- what csv
// readers and spreadsheets take. Google Benchmark's own CSV reporter (deprecated upstream) writes
// the machine context into the file before the header, "nan" for an absent counter, and keeps
// phase, engine, program and level inside the name.
#pragma once

#include <benchmark/benchmark.h>

#include <string>
#include <string_view>
#include <vector>

namespace bf::driver {

class CsvReporter final : public benchmark::BenchmarkReporter {
 public:
  bool ReportContext(const Context& context) override;  // writes the header, no context
  void ReportRuns(const std::vector<Run>& runs) override;
};

// The header and one run's line, without the line end. A cell is empty where the run has no
// value: a counter it does not report (or NaN), the times of a failed run, the aggregate fields
// of a repetition.
std::string csv_header();
std::string csv_line(const benchmark::BenchmarkReporter::Run& run);

// `text` as one CSV field (RFC 4180): quoted, quotes doubled, when it holds a comma, a quote or
// a line break.
std::string csv_field(std::string_view text);

}  // namespace bf::driver
