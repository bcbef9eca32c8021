// bfbench: runs, inspects and benchmarks Brainf*ck programs on several execution engines.
// This is the front door: it carries the commands a run needs (run, ir, engines, --version) and
// hands every other command to bfbench-tools (tools_exec.h), so that start-up loads only what a
// run uses.
#include <cstdio>
#include <string>

#include "cli/command_guard.h"
#include "cli/exit_codes.h"
#include "cli/ir_command.h"
#include "cli/pass_options.h"
#include "cli/run_command.h"
#include "cli/tools_exec.h"
#include "cli/version.h"
#include "engines/builtin_engines.h"

namespace {

int engines_command() {
  for (const bf::EngineInfo& info : bf::builtin_engines().all()) {
    std::printf("%-10s %-12s %s\n", info.name.c_str(), info.available ? "available" : "unavailable",
                info.available ? info.description.c_str() : info.unavailable_reason.c_str());
  }
  return bf::exit_code::kOk;
}

int dispatch(int argc, char** argv) {
  const std::string command = argc > 1 ? argv[1] : "";
  if (command == "run" || command == "ir") {
    // --disable-pass, --only-passes; taken here, not before the exec below, so that
    // bfbench-tools sees them too.
    bf::cli::take_pass_options(argc, argv);
    return command == "run" ? bf::cli::run_command(argc - 1, argv + 1)
                            : bf::cli::ir_command(argc - 1, argv + 1);
  }
  if (command == "engines") return engines_command();
  if (command == "--version") {
    std::printf("bfbench %s (commit %s)\n", bf::kVersion, bf::kGitCommit);
    return bf::exit_code::kOk;
  }
  bf::cli::exec_tools(argv);  // the benchmark driver, asm, measure, --help, unknown commands
  return bf::exit_code::kRuntimeTrap;
}

}  // namespace

int main(int argc, char** argv) { return bf::cli::run_guarded(dispatch, argc, argv); }
