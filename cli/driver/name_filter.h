// NameFilter: --benchmark_filter applied the way Google Benchmark applies it, to the names the
// driver gives (run/naive/hanoi/O2), so only the matching benchmarks are prepared.
#pragma once

#include <regex>
#include <string>

namespace bf::driver {

class NameFilter {
 public:
  // Empty or "all" matches everything; a leading '-' negates. Google Benchmark's std::regex
  // backend uses the POSIX extended grammar with a search (not a full match), and so does this.
  // An invalid expression is a cli::UsageError.
  explicit NameFilter(const std::string& spec);

  bool matches(const std::string& name) const;

 private:
  std::regex regex_;
  bool negative_ = false;
};

}  // namespace bf::driver
