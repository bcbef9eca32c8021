// ConsoleReporter: the table a person reads while the matrix runs. One line per benchmark -- the
// median of its repetitions in a fitting unit (ns .. s), the range of the repetitions, n, the
// counters that matter and the plan's note -- instead of Google Benchmark's line per repetition
// plus four aggregate lines, and a three-line header instead of the whole context (that stays in
// the JSON, where a report or a script reads it).
#pragma once

#include <benchmark/benchmark.h>

#include <string>

namespace bf::driver {

class ConsoleReporter final : public benchmark::BenchmarkReporter {
 public:
  explicit ConsoleReporter(bool color) : color_(color) {}

  bool ReportContext(const Context& context) override;
  void ReportRuns(const std::vector<Run>& runs) override;

 private:
  bool color_;
  size_t name_width_ = 40;
};

}  // namespace bf::driver
