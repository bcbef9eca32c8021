#include "cli/driver/summary.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <thread>

#include "cli/driver/bench_name.h"
#include "cli/driver/plan.h"
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

// "^(run/naive/hanoi/O0|run/naive/long/O0)$", or empty when the list is too long to type.
std::string filter_for(const std::vector<std::string>& names) {
  if (names.empty() || names.size() > 6) return "";
  std::string filter = "'^(";
  for (size_t i = 0; i < names.size(); ++i) filter += (i ? "|" : "") + names[i];
  return filter + ")$'";
}

std::string list_names(const std::vector<std::string>& names) {
  std::string text;
  const size_t shown = std::min<size_t>(names.size(), 6);
  for (size_t i = 0; i < shown; ++i) text += (i ? ", " : "") + names[i];
  if (names.size() > shown) text += " and " + std::to_string(names.size() - shown) + " more";
  return text;
}

std::string rerun_advice(const std::vector<std::string>& names, int repetitions) {
  const std::string filter = filter_for(names);
  return "add --benchmark_repetitions=" + std::to_string(repetitions) +
         (filter.empty() ? " and a --benchmark_filter that picks them"
                         : " --benchmark_filter=" + filter) +
         " to the same command";
}

// Why benchmarks varied, from the 1-minute load average. bfbench keeps about one CPU busy itself,
// so only load beyond that is other work; without it the spread belongs to the benchmarks.
std::string noise_advice() {
  double load[1];
  const unsigned cpus = std::thread::hardware_concurrency();
  if (::getloadavg(load, 1) != 1 || cpus == 0) return "The machine may have been busy: stop other work, then ";
  char text[160];
  if (load[0] > 1.5) {
    std::snprintf(text, sizeof text,
                  "The machine was busy (load average %.1f on %u CPUs, this run counting for about 1): "
                  "stop other work, then ", load[0], cpus);
  } else {
    std::snprintf(text, sizeof text,
                  "Nothing else was running (load average %.1f on %u CPUs, this run included), so they "
                  "vary by themselves: ", load[0], cpus);
  }
  return text;
}

// "wrong", "crash", "timeout" for a process/ failure (its message starts with the verdict).
std::string verdict_of(const Measurement& measurement) {
  const std::string& error = measurement.error;
  for (const char* verdict : {"wrong", "crash", "timeout"}) {
    if (error.rfind(verdict, 0) == 0) return verdict;
  }
  return "FAILED";
}

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
  if (baseline == nullptr && !ranked.empty() && phase == Phase::kRun) {
    out << "   (no " << baseline_label() << " run of " << program << " to compare with: include "
        << kBaselineEngine << " in --engine and " << level_name(kBaselineLevel) << " in --level)\n";
  }
}

void print_warnings(std::ostream& out, const RunLog& log, const SummaryInputs& inputs) {
  std::vector<std::string> few;
  std::vector<std::string> noisy;
  double worst = 0;
  for (const Measurement& measurement : log.measurements()) {
    if (measurement.failed || measurement.seconds.empty()) continue;
    const Stats stats = stats_of(measurement.seconds);
    if (stats.samples < kFirmRepetitions) few.push_back(measurement.name);
    if (const auto variation = stats.variation(); variation && *variation > kHighVariation) {
      noisy.push_back(measurement.name);
      worst = std::max(worst, *variation);
    }
  }
  std::vector<std::string> lines;
  if (inputs.quick) {
    lines.push_back("--quick ran everything once: no sigma, and times from a single run. Use it to see "
                    "that every engine works, not to compare them.");
  } else if (!few.empty()) {
    lines.push_back(std::to_string(few.size()) + " benchmark(s) ran fewer than " +
                    std::to_string(kFirmRepetitions) + " repetitions (to keep the whole matrix short, a "
                    "compile over " + fixed(kLongCompileSeconds) + " s is done once; each row's label "
                    "says why), so they have no interval: " + list_names(few) + ". For one, " +
                    rerun_advice(few, 5) + ".");
  }
  if (!noisy.empty()) {
    lines.push_back(std::to_string(noisy.size()) + " benchmark(s) varied by more than " +
                    std::to_string(static_cast<int>(kHighVariation * 100)) + "% of their mean (up to " +
                    std::to_string(static_cast<int>(worst * 100 + 0.5)) + "%): " + list_names(noisy) +
                    ". " + noise_advice() + rerun_advice(noisy, 10) + ".");
  }
  for (const EngineInfo* engine : inputs.skipped) {
    lines.push_back("skipped engine " + engine->name + ": " + engine->unavailable_reason);
  }
  for (const std::string& skipped : inputs.skipped_process) lines.push_back("skipped " + skipped);
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
  print_warnings(out, log, inputs);
  out << "\nTotal: " << log.measurements().size() << " benchmarks in " << format_duration(inputs.total_seconds)
      << " (preparing and pilot runs: " << format_duration(inputs.prepare_seconds) << ")\n";
}

}  // namespace bf::driver
