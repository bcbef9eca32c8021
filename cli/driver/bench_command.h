// `bfbench` with no subcommand: benchmark engines x programs x levels with Google Benchmark.
#pragma once

#include <string>

namespace bf::driver {

// argv[0] is the program name; every other argument is a driver option or a --benchmark_* flag.
// Returns the exit code: 0, or 1 when a benchmark failed (wrong result, no code). Throws
// cli::UsageError / cli::CommandError for bad input, as the other subcommands do.
int bench_command(int argc, char** argv);

// The options section of `bfbench --help`.
std::string bench_help();

}  // namespace bf::driver
