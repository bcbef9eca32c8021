#include "cli/driver/summary.h"

#include <algorithm>
#include <cstdio>

#include "cli/driver/bench_name.h"
#include "cli/driver/progress.h"
#include "cli/driver/statistics.h"

namespace bf::driver {

namespace {

struct Ranked {
  BenchName name;
  Stats stats;
};

std::string fixed(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", value);
  return text;
}

std::string baseline_label() { return std::string(kBaselineEngine) + " " + level_name(kBaselineLevel); }

// "85.26 ± 0.93 times faster than naive O0", or "slower" below 1 (as 1/r, so it reads naturally).
std::string describe_speedup(const Speedup& s) {
  const bool faster = s.ratio >= 1;
  const double shown = faster ? s.ratio : 1 / s.ratio;
  std::string text = fixed(shown);
  if (s.sigma) text += " ± " + fixed(faster ? *s.sigma : *s.sigma / (s.ratio * s.ratio));
  return text + (faster ? " times faster than " : " times slower than ") + baseline_label();
}

// "wrong", "crash", "timeout" for a process/ failure (its message starts with the verdict).
std::string verdict_of(const Measurement& measurement) {
  const std::string& error = measurement.error;
  for (const char* verdict : {"wrong", "crash", "timeout"}) {
    if (error.rfind(verdict, 0) == 0) return verdict;
  }
  return "FAILED";
}

// One program's ranking in one phase, with speed-ups against the baseline when it ran (a program
// without one is named once, among the warnings).
void print_program(std::ostream& out, const RunLog& log, const std::string& program, Phase phase) {
  std::vector<Ranked> ranked;
  std::vector<std::pair<BenchName, std::string>> failed;
  for (const Measurement& measurement : log.measurements()) {
    const auto name = BenchName::parse(measurement.name);
    if (!name || name->phase != phase || name->program != program) continue;
    if (measurement.failed) {
      failed.push_back({*name, phase == Phase::kProcess ? verdict_of(measurement) : "FAILED"});
    }
    else if (!measurement.seconds.empty()) ranked.push_back({*name, stats_of(measurement.seconds)});
  }
  if (ranked.empty() && failed.empty()) return;
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const Ranked& a, const Ranked& b) { return a.stats.mean < b.stats.mean; });
  const Ranked* baseline = nullptr;
  for (const Ranked& r : ranked) {
    if (r.name.engine == kBaselineEngine && r.name.level == kBaselineLevel) baseline = &r;
  }
  out << program << "\n";
  size_t width = 0;
  for (const Ranked& r : ranked) width = std::max(width, r.name.engine.size());
  int rank = 0;
  for (const Ranked& r : ranked) {
    char head[96];
    std::snprintf(head, sizeof head, "  %2d. %-*s %2s  %22s   ", ++rank, static_cast<int>(width),
                  r.name.engine.c_str(), level_name(r.name.level).c_str(), format_stats(r.stats).c_str());
    out << head;
    if (&r == baseline) out << "(baseline)";
    else if (baseline != nullptr) out << describe_speedup(speedup(baseline->stats, r.stats));
    out << "\n";
  }
  for (const auto& [name, verdict] : failed) {
    out << "   --  " << name.engine << " " << level_name(name.level) << ": " << verdict
        << (verdict == "FAILED" ? " (wrong result or no code; see below)" : " (see below)") << "\n";
  }
}

void print_warnings(std::ostream& out, const std::vector<std::string>& lines) {
  if (lines.empty()) return;
  out << "\nWarnings:\n";
  for (const std::string& line : lines) out << "  ! " << line << "\n";
}

}  // namespace

void print_summary(std::ostream& out, const RunLog& log, const SummaryInputs& inputs) {
  out << "\nSummary: run time per program, mean ± sigma over repetitions, fastest first\n"
         "(a noisy, shared machine: trust ratios from one run more than times across runs)\n\n";
  for (const std::string& program : inputs.programs) print_program(out, log, program, Phase::kRun);
  const bool any_process = std::any_of(
      log.measurements().begin(), log.measurements().end(), [](const Measurement& m) {
        const auto name = BenchName::parse(m.name);
        return name && name->phase == Phase::kProcess;
      });
  if (any_process) {
    out << "\nProcess time per program: one whole child process per run (start-up, compile and run;\n"
           "external engines and `bfbench run` children alike), mean ± sigma, fastest first\n\n";
    for (const std::string& program : inputs.programs) {
      print_program(out, log, program, Phase::kProcess);
    }
  }

  bool any_failed = false;
  for (const Measurement& measurement : log.measurements()) {
    if (!measurement.failed) continue;
    if (!any_failed) out << "\nFailed (reported as errors, never as times):\n";
    any_failed = true;
    out << "  " << measurement.name << ": " << measurement.error << "\n";
  }
  print_warnings(out, inputs.warnings);
  out << "\nTotal: " << log.measurements().size() << " benchmarks in " << format_duration(inputs.total_seconds)
      << " (preparing and pilot runs: " << format_duration(inputs.prepare_seconds) << ")\n";
}

}  // namespace bf::driver
