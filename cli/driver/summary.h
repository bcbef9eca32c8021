// Summary: what a person reads after the table -- per program, engines and levels ranked by run
// time with "N.NN ± σ times faster than naive O0" -- and the run's warnings (warnings.h).
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "cli/driver/run_log.h"
#include "cli/driver/warnings.h"

namespace bf::driver {

struct SummaryInputs {
  std::vector<std::string> programs;  // in report order
  std::vector<std::string> warnings;  // collect_warnings(): the results file carries the same list
  double total_seconds = 0;
  double prepare_seconds = 0;
};

void print_summary(std::ostream& out, const RunLog& log, const SummaryInputs& inputs);

}  // namespace bf::driver
