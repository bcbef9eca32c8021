#include "cli/driver/csv_reporter.h"

#include <charconv>
#include <cmath>
#include <optional>
#include <ostream>

#include "cli/driver/bench_name.h"
#include "cli/driver/counters.h"

namespace bf::driver {

namespace {

using Run = benchmark::BenchmarkReporter::Run;

// Columns before the counters (kCounterNames) and after them; csv_line fills them in this order.
constexpr const char* kLeadingColumns[] = {
    "name", "phase", "engine", "program", "level", "run_type", "aggregate_name", "aggregate_unit",
    "repetition_index", "repetitions", "iterations", "real_time", "cpu_time", "time_unit"};
constexpr const char* kTrailingColumns[] = {"error_occurred", "error_message"};

// The shortest text that reads back as the same double; empty for NaN and infinities.
std::string number(double value) {
  if (!std::isfinite(value)) return "";
  char buffer[32];
  const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return error == std::errc() ? std::string(buffer, end) : "";
}

std::string join(const std::vector<std::string>& cells) {
  std::string line;
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) line += ',';
    line += csv_field(cells[i]);
  }
  return line;
}

}  // namespace

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
}

std::string csv_header() {
  std::vector<std::string> cells(std::begin(kLeadingColumns), std::end(kLeadingColumns));
  cells.insert(cells.end(), std::begin(kCounterNames), std::end(kCounterNames));
  cells.insert(cells.end(), std::begin(kTrailingColumns), std::end(kTrailingColumns));
  return join(cells);
}

std::string csv_line(const Run& run) {
  const std::optional<BenchName> name = BenchName::parse(run.run_name.function_name);
  const bool aggregate = run.run_type == Run::RT_Aggregate;
  const bool timed = !run.error_occurred;
  // A percentage aggregate (cv) is a plain fraction, as in Google Benchmark's JSON: no unit.
  const bool fraction = aggregate && run.aggregate_unit == benchmark::kPercentage;
  std::vector<std::string> cells = {
      run.benchmark_name(),
      name ? std::string(phase_name(name->phase)) : "",
      name ? name->engine : "",
      name ? name->program : "",
      name ? level_name(name->level) : "",
      aggregate ? "aggregate" : "iteration",
      aggregate ? run.aggregate_name : "",
      aggregate ? (fraction ? "percentage" : "time") : "",
      aggregate || run.repetition_index < 0 ? "" : std::to_string(run.repetition_index),
      std::to_string(run.repetitions),
      std::to_string(run.iterations),
      !timed ? "" : number(fraction ? run.real_accumulated_time : run.GetAdjustedRealTime()),
      !timed ? "" : number(fraction ? run.cpu_accumulated_time : run.GetAdjustedCPUTime()),
      !timed || fraction ? "" : benchmark::GetTimeUnitString(run.time_unit),
  };
  for (const char* counter : kCounterNames) {
    const auto found = run.counters.find(counter);
    cells.push_back(found == run.counters.end() ? "" : number(found->second.value));
  }
  cells.push_back(run.error_occurred ? "true" : "false");
  cells.push_back(run.error_message);
  return join(cells);
}

bool CsvReporter::ReportContext(const Context&) {
  GetOutputStream() << csv_header() << "\n";
  return true;
}

void CsvReporter::ReportRuns(const std::vector<Run>& runs) {
  for (const Run& run : runs) GetOutputStream() << csv_line(run) << "\n";
  GetOutputStream().flush();
}

}  // namespace bf::driver
