// bfbench-tools: the bfbench commands that need the heavy libraries -- the benchmark driver
// (Google Benchmark), asm (Capstone), measure (libcrypto), and ir and run with the full
// command-line parser (Boost.Program_options) -- and the full help. Users do not
// call it: the bfbench front door (main.cpp) execs it with its own arguments.
#include <filesystem>
#include <iostream>
#include <string>

#include "cli/asm_command.h"
#include "cli/cli_common.h"
#include "cli/command_guard.h"
#include "cli/driver/bench_command.h"
#include "cli/exit_codes.h"
#include "cli/explore/explore_command.h"
#include "cli/ir_command.h"
#include "cli/measure_command.h"
#include "cli/pass_options.h"
#include "cli/run_command.h"
#include "cli/suggest.h"

namespace {

constexpr const char* kHelp =
    "bfbench: run, inspect and benchmark Brainf*ck programs on several execution engines.\n"
    "\n"
    "Usage:\n"
    "  bfbench [benchmark options]    benchmark engines x programs x levels (options below)\n"
    "  bfbench run [options] FILE     run a program (bfbench run --help)\n"
    "  bfbench ir [-O N] FILE         print the IR after optimization (bfbench ir --help)\n"
    "  bfbench asm [options] FILE     a JIT's machine code, op by op (bfbench asm --help)\n"
    "  bfbench explore [options] FILE -o DIR  a page linking source, IR and machine code\n"
    "  bfbench engines                list the engines and whether this build has them\n"
    "  bfbench measure [options]      one checked run for the regression gate (bfbench measure --help)\n"
    "  bfbench --help | --version\n"
    "Every command: --disable-pass NAME[,NAME] or --only-passes LIST (see bfbench ir --passes).\n"
    "\n"
    "Exit codes: 0 ok, 64 bad usage, 65 program does not parse, 66 file cannot be read,\n"
    "70 tape under/overflow or step limit, 74 output cannot be written, 124 time limit,\n"
    "129/130/143 ended by SIGHUP/SIGINT/SIGTERM (nothing left running or behind).\n";

int dispatch(int argc, char** argv) {
  bf::cli::take_pass_options(argc, argv);  // --disable-pass, --only-passes: every command
  const std::string command = argc > 1 ? argv[1] : "";
  if (command == "run") return bf::cli::run_command(argc - 1, argv + 1);  // from the front door
  if (command == "ir") return bf::cli::ir_command(argc - 1, argv + 1);
  if (command == "asm") return bf::cli::asm_command(argc - 1, argv + 1);
  if (command == "explore") return bf::cli::explore_command(argc - 1, argv + 1);
  if (command == "measure") return bf::cli::measure_command(argc - 1, argv + 1);
  if (command == "--help" || command == "-h" || command == "help") {
    std::cout << kHelp << "\n" << bf::driver::bench_help();
    return bf::exit_code::kOk;
  }
  if (command.empty() || command[0] == '-') return bf::driver::bench_command(argc, argv);
  std::error_code not_a_file;
  if (std::filesystem::is_regular_file(command, not_a_file)) {
    throw bf::cli::UsageError{"'" + command + "' is a file, not a command (did you mean 'bfbench run " +
                              command + "'?)"};
  }
  throw bf::cli::UsageError{
      "unknown command '" + command + "'" +
      bf::cli::did_you_mean(command, {"run", "ir", "asm", "explore", "engines", "measure", "help"})};
}

}  // namespace

int main(int argc, char** argv) { return bf::cli::run_guarded(dispatch, argc, argv); }
