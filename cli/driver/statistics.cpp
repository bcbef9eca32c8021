#include "cli/driver/statistics.h"

#include <cmath>
#include <cstdio>

namespace bf::driver {

namespace {

struct Unit {
  double scale;
  const char* name;
};

Unit unit_for(double seconds) {
  const double magnitude = std::fabs(seconds);
  if (magnitude >= 1) return {1, "s"};
  if (magnitude >= 1e-3) return {1e3, "ms"};
  if (magnitude >= 1e-6) return {1e6, "us"};
  return {1e9, "ns"};
}

std::string in_unit(double seconds, Unit unit) {
  const double value = seconds * unit.scale;
  const int decimals = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  char text[48];
  std::snprintf(text, sizeof text, "%.*f %s", decimals, value, unit.name);
  return text;
}

}  // namespace

std::optional<double> Stats::variation() const {
  if (!stddev || mean <= 0) return std::nullopt;
  return *stddev / mean;
}

Stats stats_of(const std::vector<double>& samples) {
  Stats stats;
  stats.samples = samples.size();
  if (samples.empty()) return stats;
  double sum = 0;
  for (double sample : samples) sum += sample;
  stats.mean = sum / static_cast<double>(samples.size());
  if (samples.size() >= 2) {
    double squares = 0;
    for (double sample : samples) squares += (sample - stats.mean) * (sample - stats.mean);
    stats.stddev = std::sqrt(squares / static_cast<double>(samples.size() - 1));
  }
  return stats;
}

Speedup speedup(const Stats& baseline, const Stats& measured) {
  Speedup result;
  if (measured.mean <= 0 || baseline.mean <= 0) return result;
  result.ratio = baseline.mean / measured.mean;
  if (baseline.stddev && measured.stddev) {
    const double a = *baseline.stddev / baseline.mean;
    const double b = *measured.stddev / measured.mean;
    result.sigma = result.ratio * std::sqrt(a * a + b * b);
  }
  return result;
}

std::string format_seconds(double seconds) { return in_unit(seconds, unit_for(seconds)); }

std::string format_stats(const Stats& stats) {
  const Unit unit = unit_for(stats.mean);
  std::string text = in_unit(stats.mean, unit);
  if (stats.stddev) text += " ± " + in_unit(*stats.stddev, unit);
  return text;
}

}  // namespace bf::driver
