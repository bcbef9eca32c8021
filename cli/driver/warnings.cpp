#include "cli/driver/warnings.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <set>
#include <thread>

#include "cli/driver/bench_name.h"
#include "cli/driver/plan.h"
#include "cli/driver/statistics.h"
#include "core/runtime/process_cleanup.h"

namespace bf::driver {

namespace {

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

std::string count(size_t n, const char* what) {
  return std::to_string(n) + " " + what + (n == 1 ? "" : "s");
}

// The programs that have run/ benchmarks but no baseline run to compute speed-ups from.
std::vector<std::string> programs_without_baseline(const RunLog& log) {
  std::vector<std::string> programs;
  std::set<std::string> with_baseline;
  for (const Measurement& measurement : log.measurements()) {
    const auto name = BenchName::parse(measurement.name);
    if (!name || name->phase != Phase::kRun) continue;
    if (std::find(programs.begin(), programs.end(), name->program) == programs.end()) {
      programs.push_back(name->program);
    }
    if (name->engine == kBaselineEngine && name->level == kBaselineLevel && !measurement.failed) {
      with_baseline.insert(name->program);
    }
  }
  std::erase_if(programs, [&](const std::string& p) { return with_baseline.count(p) != 0; });
  return programs;
}

}  // namespace

std::vector<std::string> collect_warnings(const RunLog& log, const RunFacts& facts) {
  std::vector<std::string> failed, not_run, few, uncomparable, noisy;
  double worst = 0;
  for (const Measurement& measurement : log.measurements()) {
    if (measurement.failed) {
      (measurement.error.rfind("not run", 0) == 0 ? not_run : failed).push_back(measurement.name);
      continue;
    }
    if (measurement.seconds.empty()) continue;
    const Stats stats = stats_of(measurement.seconds);
    if (stats.samples < kFirmRepetitions) few.push_back(measurement.name);
    else if (stats.samples < kComparableRepetitions) uncomparable.push_back(measurement.name);
    if (const auto variation = stats.variation(); variation && *variation > kHighVariation) {
      noisy.push_back(measurement.name);
      worst = std::max(worst, *variation);
    }
  }

  std::vector<std::string> lines;
  if (const int signal_number = cleanup::stop_requested()) {
    lines.push_back(std::string("bfbench was interrupted (") + strsignal(signal_number) + "): " +
                    count(not_run.size(), "benchmark") + " did not run; the results cover the ones "
                    "that ran before it");
  }
  if (!failed.empty()) {
    lines.push_back(count(failed.size(), "benchmark") + " failed (an error, never a time; each says "
                    "why): " + list_names(failed));
  }
  if (facts.quick) {
    lines.push_back("--quick ran everything once: no interval, and times from a single run. Use it to "
                    "see that every engine works, not to compare them.");
  } else {
    if (!few.empty()) {
      lines.push_back(count(few.size(), "benchmark") + " ran fewer than " +
                      std::to_string(kFirmRepetitions) + " repetitions (to keep the whole matrix "
                      "short, a compile over " + format_seconds(kLongCompileSeconds) + " is done "
                      "once; each row's label says why), so they have no interval: " +
                      list_names(few) + ". For one, " + rerun_advice(few, 5) + ".");
    }
    if (!uncomparable.empty()) {
      lines.push_back(count(uncomparable.size(), "benchmark") + " ran " +
                      std::to_string(kFirmRepetitions) + " or " +
                      std::to_string(kComparableRepetitions - 1) + " repetitions (slow runs and "
                      "compiles, to keep the matrix short): enough for an interval, too few for "
                      "scripts/compare to call a change significant (it needs " +
                      std::to_string(kComparableRepetitions) + " on each side): " +
                      list_names(uncomparable) + ". To compare them, " +
                      rerun_advice(uncomparable, static_cast<int>(kComparableRepetitions)) + ".");
    }
  }
  if (!noisy.empty()) {
    lines.push_back(count(noisy.size(), "benchmark") + " varied by more than " +
                    std::to_string(static_cast<int>(kHighVariation * 100)) + "% of their mean (up to " +
                    std::to_string(static_cast<int>(worst * 100 + 0.5)) + "%): " + list_names(noisy) +
                    ". " + noise_advice() + rerun_advice(noisy, 10) + ".");
  }
  if (const auto missing = programs_without_baseline(log); !missing.empty()) {
    lines.push_back("no " + std::string(kBaselineEngine) + " " + level_name(kBaselineLevel) +
                    " run of " + list_names(missing) + ": no speed-ups there (include " +
                    kBaselineEngine + " in --engine and " + level_name(kBaselineLevel) +
                    " in --level)");
  }
  for (const EngineInfo* engine : facts.skipped) {
    lines.push_back("skipped engine " + engine->name + ": " + engine->unavailable_reason);
  }
  for (const std::string& skipped : facts.skipped_process) lines.push_back("skipped " + skipped);
  return lines;
}

const std::vector<std::string>& RunWarnings::lines() {
  if (!lines_) lines_ = collect_warnings(log_, facts_);
  return *lines_;
}

}  // namespace bf::driver
