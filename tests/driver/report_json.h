// Reads a Google Benchmark JSON report (Boost.PropertyTree) into what the driver tests look at.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace bf::testing {

struct ReportEntry {
  std::string name;
  std::string run_type;        // "iteration" or "aggregate"
  std::string aggregate_name;  // "mean", "stddev", ... for aggregates
  bool error = false;
  std::string error_message;
  double real_time = 0;
  long repetitions = 0;
  std::map<std::string, double> counters;  // every other numeric field
};

struct Report {
  std::map<std::string, std::string> context;
  std::vector<ReportEntry> entries;
  std::optional<std::vector<std::string>> warnings;  // the driver's "warnings" member, if present

  std::vector<const ReportEntry*> named(const std::string& name) const;
};

// Throws (boost::property_tree::json_parser_error) when the file is not JSON.
Report read_report(const std::string& path);

}  // namespace bf::testing
