#include "cli/driver/console_reporter.h"

#include <algorithm>
#include <cstdio>
#include <ostream>
#include <vector>

#include "cli/driver/statistics.h"

namespace bf::driver {

namespace {

const char kRed[] = "\033[31m";
const char kReset[] = "\033[0m";

double seconds_per_iteration(const benchmark::BenchmarkReporter::Run& run) {
  return run.GetAdjustedRealTime() / benchmark::GetTimeUnitMultiplier(run.time_unit);
}

double median_of(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const size_t middle = values.size() / 2;
  return values.size() % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

std::string counter_text(const benchmark::BenchmarkReporter::Run& run, const std::string& name,
                         const char* label) {
  const auto found = run.counters.find(name);
  if (found == run.counters.end() || found->second.value == 0) return "";
  char text[64];
  std::snprintf(text, sizeof text, label, found->second.value);
  return text;
}

}  // namespace

bool ConsoleReporter::ReportContext(const Context& context) {
  name_width_ = std::max<size_t>(context.name_field_width, 20);
  std::ostream& out = GetOutputStream();
  const benchmark::CPUInfo& cpu = context.cpu_info;
  char machine[160];
  std::snprintf(machine, sizeof machine, "%d CPUs at %.0f MHz, load average %.2f", cpu.num_cpus,
                cpu.cycles_per_second / 1e6, cpu.load_avg.empty() ? 0.0 : cpu.load_avg[0]);
  out << "bfbench benchmarks on " << machine << ".\n"
      << "Each line: the median time of one run (or compile) over its repetitions, [fastest - "
         "slowest], n repetitions.\n"
      << "The full context (commit, compiler, OS, CPU flags, the programs' provenance) is in the "
         "JSON (--out FILE).\n\n";
  char header[256];
  std::snprintf(header, sizeof header, "%-*s %10s  %-23s %3s  %s\n", static_cast<int>(name_width_),
                "benchmark", "median", "[fastest - slowest]", "n", "counters, note");
  out << header << std::string(name_width_ + 60, '-') << "\n";
  return true;
}

void ConsoleReporter::ReportRuns(const std::vector<Run>& runs) {
  std::vector<double> times;
  const Run* first = nullptr;
  for (const Run& run : runs) {
    if (run.run_type == Run::RT_Aggregate) continue;  // we summarise the repetitions ourselves
    if (first == nullptr) first = &run;
    if (!run.error_occurred) times.push_back(seconds_per_iteration(run));
  }
  if (first == nullptr) return;
  std::ostream& out = GetOutputStream();
  char name[256];
  std::snprintf(name, sizeof name, "%-*s", static_cast<int>(name_width_),
                first->benchmark_name().c_str());
  out << name << ' ';
  if (first->error_occurred) {
    out << (color_ ? kRed : "") << "FAILED: " << first->error_message << (color_ ? kReset : "")
        << "\n";
    return;
  }
  const auto [fastest, slowest] = std::minmax_element(times.begin(), times.end());
  std::string range;  // a single repetition has none
  if (times.size() >= 2) {
    range.append("[").append(format_seconds(*fastest)).append(" - ");
    range.append(format_seconds(*slowest)).append("]");
  }
  char line[160];
  std::snprintf(line, sizeof line, "%10s  %-23s %3zu", format_seconds(median_of(times)).c_str(),
                range.c_str(), times.size());
  out << line << counter_text(*first, "ops", "  ops %.0f") << counter_text(*first, "code_bytes", "  code %.0f B");
  if (!first->report_label.empty()) out << "  (" << first->report_label << ")";
  out << "\n";
}

}  // namespace bf::driver
