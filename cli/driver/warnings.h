// Warnings: what a reader of one benchmark run should know before trusting it (failures, too few
// repetitions, noise, skipped engines, an interruption), and what to do about each. Computed once
// per run, here only: the console summary prints the list and the results file carries it (its
// "warnings" member), so the HTML report shows the very same lines.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/driver/run_log.h"
#include "core/engine_registry.h"

namespace bf::driver {

// What the run knows besides its measurements.
struct RunFacts {
  std::vector<const EngineInfo*> skipped;     // engines asked for but not in this build
  std::vector<std::string> skipped_process;   // "process/tritium16/hanoi: the expected output ..."
  bool quick = false;
};

// The baseline every speed-up is relative to.
inline constexpr const char* kBaselineEngine = "naive";
inline constexpr int kBaselineLevel = 0;
// Fewer repetitions than this give no interval; more variation than this is worth a warning.
inline constexpr size_t kFirmRepetitions = 3;
inline constexpr double kHighVariation = 0.05;
// scripts/compare's Mann-Whitney test cannot reach p < 0.05 with fewer samples on either side.
inline constexpr size_t kComparableRepetitions = 5;

std::vector<std::string> collect_warnings(const RunLog& log, const RunFacts& facts);

// The list for one run, computed the first time it is asked for (after the last benchmark), so the
// results file and the console show the same lines even if the machine's load changes in between.
class RunWarnings {
 public:
  RunWarnings(const RunLog& log, const RunFacts& facts) : log_(log), facts_(facts) {}
  const std::vector<std::string>& lines();

 private:
  const RunLog& log_;
  const RunFacts& facts_;
  std::optional<std::vector<std::string>> lines_;
};

}  // namespace bf::driver
