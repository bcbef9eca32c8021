// Statistics for the summary: mean and sample standard deviation of repetitions, and the speed-up
// of one benchmark over another with its propagated uncertainty (as hyperfine reports it).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace bf::driver {

struct Stats {
  double mean = 0;
  std::optional<double> stddev;  // needs two samples
  size_t samples = 0;

  // Coefficient of variation (stddev / mean), when known.
  std::optional<double> variation() const;
};

Stats stats_of(const std::vector<double>& samples);

struct Speedup {
  double ratio = 0;             // baseline time / measured time: > 1 means faster than the baseline
  std::optional<double> sigma;  // when both sides have a stddev
};

// sigma_r = r * sqrt((s_a / a)^2 + (s_b / b)^2): relative errors of a quotient add in quadrature.
Speedup speedup(const Stats& baseline, const Stats& measured);

// "12.3 ms", "1.234 s", "850 ns": three significant digits in the largest fitting unit.
std::string format_seconds(double seconds);
// The same with the stddev in the mean's unit: "12.3 ms ± 0.4 ms".
std::string format_stats(const Stats& stats);

}  // namespace bf::driver
