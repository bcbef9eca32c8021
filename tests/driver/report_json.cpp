#include "tests/driver/report_json.h"

#include <boost/property_tree/json_parser.hpp>
#include <boost/property_tree/ptree.hpp>
#include <set>

namespace bf::testing {

namespace {

// Fields Google Benchmark writes for every run; anything else numeric is a user counter.
const std::set<std::string> kStandardFields = {
    "name", "family_index", "per_family_instance_index", "run_name", "run_type", "repetitions",
    "repetition_index", "threads", "iterations", "real_time", "cpu_time", "time_unit",
    "aggregate_name", "aggregate_unit", "error_occurred", "error_message"};

}  // namespace

std::vector<const ReportEntry*> Report::named(const std::string& name) const {
  std::vector<const ReportEntry*> found;
  for (const ReportEntry& entry : entries) {
    if (entry.name == name) found.push_back(&entry);
  }
  return found;
}

Report read_report(const std::string& path) {
  boost::property_tree::ptree tree;
  boost::property_tree::read_json(path, tree);
  Report report;
  for (const auto& [key, value] : tree.get_child("context")) {
    if (value.empty()) report.context[key] = value.data();
  }
  for (const auto& [unused, node] : tree.get_child("benchmarks")) {
    ReportEntry entry;
    entry.name = node.get<std::string>("name");
    entry.run_type = node.get<std::string>("run_type", "");
    entry.aggregate_name = node.get<std::string>("aggregate_name", "");
    entry.error = node.get<std::string>("error_occurred", "false") == "true";
    entry.error_message = node.get<std::string>("error_message", "");
    entry.real_time = node.get<double>("real_time", 0);
    entry.repetitions = node.get<long>("repetitions", 0);
    for (const auto& [field, value] : node) {
      if (kStandardFields.count(field) == 0) entry.counters[field] = value.get_value<double>();
    }
    report.entries.push_back(std::move(entry));
  }
  if (const auto warnings = tree.get_child_optional("warnings")) {
    report.warnings.emplace();
    for (const auto& [unused, line] : *warnings) report.warnings->push_back(line.data());
  }
  return report;
}

}  // namespace bf::testing
