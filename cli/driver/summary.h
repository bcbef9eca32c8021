// Summary: what a person reads after the table -- per program, engines and levels ranked by run
// time with "N.NN ± σ times faster than naive O0" -- and warnings that say what to do.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "cli/driver/run_log.h"
#include "core/engine_registry.h"

namespace bf::driver {

struct SummaryInputs {
  std::vector<std::string> programs;          // in report order
  std::vector<const EngineInfo*> skipped;     // engines asked for but not in this build
  std::vector<std::string> skipped_process;   // "process/tritium16/hanoi: the expected output ..."
  bool quick = false;
  double total_seconds = 0;
  double prepare_seconds = 0;
};

// The baseline every speed-up is relative to.
inline constexpr const char* kBaselineEngine = "naive";
inline constexpr int kBaselineLevel = 0;
// Fewer repetitions than this make a rough sigma; more variation than this is worth a warning.
inline constexpr size_t kFirmRepetitions = 3;
inline constexpr double kHighVariation = 0.05;

void print_summary(std::ostream& out, const RunLog& log, const SummaryInputs& inputs);

}  // namespace bf::driver
