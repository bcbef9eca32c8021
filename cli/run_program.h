// `bfbench run` after its options: load, optimize, compile and run the program, report a trap.
// stdio only, no iostream: the front door should not pay for iostream's start-up.
#pragma once

#include "cli/run_options.h"

namespace bf::cli {

// The exit status of the run (exit_codes.h); usage and file errors are thrown (cli_common.h).
int run_program(const RunOptions& options);

}  // namespace bf::cli
