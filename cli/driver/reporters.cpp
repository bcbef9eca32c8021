#include "cli/driver/reporters.h"

#include <cmath>
#include <cstdio>

#include "cli/driver/console_reporter.h"
#include "cli/driver/csv_reporter.h"

namespace bf::driver {

NamingReporter::NamingReporter(std::unique_ptr<benchmark::BenchmarkReporter> inner, size_t name_width,
                               RunLog* log, Progress* progress)
    : inner_(std::move(inner)), name_width_(name_width), log_(log), progress_(progress) {}

bool NamingReporter::ReportContext(const Context& context) {
  // RunSpecifiedBenchmarks points this reporter's streams at the --benchmark_out file (streams
  // are not virtual), so pass them on before the wrapped reporter writes anything.
  inner_->SetOutputStream(&GetOutputStream());
  inner_->SetErrorStream(&GetErrorStream());
  Context narrower = context;  // the width was computed from the long names
  narrower.name_field_width = name_width_;
  return inner_->ReportContext(narrower);
}

void NamingReporter::ReportRuns(const std::vector<Run>& runs) {
  std::vector<Run> renamed = runs;
  for (Run& run : renamed) {
    run.run_name.min_time.clear();
    run.run_name.min_warmup_time.clear();
    run.run_name.iterations.clear();
    run.run_name.repetitions.clear();
    run.run_name.time_type.clear();
    // The coefficient of variation of a counter that is 0 in every repetition (code_bytes of an
    // interpreter) is 0/0; the library would write NaN, which is not JSON. It does not vary: 0.
    if (run.run_type == Run::RT_Aggregate && run.aggregate_name == "cv") {
      for (auto& [name, counter] : run.counters) {
        if (std::isnan(counter.value)) counter.value = 0;
      }
    }
    if (log_ != nullptr) log_->add(run);
  }
  if (progress_ != nullptr) progress_->clear();
  inner_->ReportRuns(renamed);
}

void NamingReporter::Finalize() { inner_->Finalize(); }

namespace {

// A JSON string literal. Bytes >= 0x80 pass through: the warnings are UTF-8 text.
std::string json_quoted(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned char>(c));
      out += escaped;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

}  // namespace

void JsonReporterWithWarnings::Finalize() {
  // The library's own Finalize closes the "benchmarks" list and the top-level object; this closes
  // the list, adds the member and then closes the object.
  std::ostream& out = GetOutputStream();
  out << "\n  ],\n  \"warnings\": [";
  const std::vector<std::string>& lines = warnings_->lines();
  for (size_t i = 0; i < lines.size(); ++i) out << (i ? "," : "") << "\n    " << json_quoted(lines[i]);
  out << (lines.empty() ? "]" : "\n  ]") << "\n}\n";
}

std::unique_ptr<benchmark::BenchmarkReporter> make_reporter(ReportFormat format, bool color,
                                                           bool tabular, RunWarnings* warnings) {
  switch (format) {
    case ReportFormat::kConsole: {
      // --benchmark_counters_tabular asks for Google Benchmark's own table, every repetition.
      if (!tabular) return std::make_unique<ConsoleReporter>(color);
      int options = benchmark::ConsoleReporter::OO_Tabular;
      if (color) options |= benchmark::ConsoleReporter::OO_Color;
      return std::make_unique<benchmark::ConsoleReporter>(
          static_cast<benchmark::ConsoleReporter::OutputOptions>(options));
    }
    case ReportFormat::kJson:
      if (warnings != nullptr) return std::make_unique<JsonReporterWithWarnings>(warnings);
      return std::make_unique<benchmark::JSONReporter>();
    case ReportFormat::kCsv:
      return std::make_unique<CsvReporter>();
  }
  return nullptr;
}

}  // namespace bf::driver
