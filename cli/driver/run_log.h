// RunLog: every repetition Google Benchmark reported, kept for the summary after the table.
#pragma once

#include <benchmark/benchmark.h>

#include <string>
#include <vector>

namespace bf::driver {

struct Measurement {
  std::string name;              // "run/naive/hanoi/O2"
  std::vector<double> seconds;   // one per repetition: measured time per iteration
  bool failed = false;
  std::string error;
};

class RunLog {
 public:
  // Aggregates (mean, stddev, ...) are skipped: the summary computes its own from the samples.
  void add(const benchmark::BenchmarkReporter::Run& run);
  void add_sample(const std::string& name, double seconds);
  void add_failure(const std::string& name, const std::string& error);

  const std::vector<Measurement>& measurements() const { return measurements_; }
  const Measurement* find(const std::string& name) const;
  bool any_failed() const;

 private:
  Measurement& entry(const std::string& name);

  std::vector<Measurement> measurements_;
};

}  // namespace bf::driver
