// bfbench: runs, inspects and benchmarks Brainf*ck programs on several execution engines.
// This is the front door: it carries what a run needs (run with plain options, engines,
// --version) and hands everything else to bfbench-tools (tools_exec.h) -- ir, run --help, a run
// whose options need the full parser (plain_options.h) -- so that start-up loads only what a run
// uses: no Boost.Program_options, no iostream.
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "cli/command_guard.h"
#include "cli/exit_codes.h"
#include "cli/pass_options.h"
#include "cli/plain_options.h"
#include "cli/run_options.h"
#include "cli/run_program.h"
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

int run_command(int argc, char** argv) {
  std::vector<char*> command_line(argv, argv + argc + 1);  // take_pass_options edits argv
  bf::cli::take_pass_options(argc, argv);  // --disable-pass, --only-passes
  const std::optional<bf::cli::OptionValues> values =
      bf::cli::parse_plain_options(argc - 1, argv + 1, bf::cli::run_option_specs(), "file");
  if (!values || values->contains("help")) {
    bf::cli::exec_tools(command_line.data());  // the full parser: help, errors, rare spellings
    return bf::exit_code::kRuntimeTrap;
  }
  return bf::cli::run_program(bf::cli::run_options_from(*values));
}

int dispatch(int argc, char** argv) {
  const std::string command = argc > 1 ? argv[1] : "";
  if (command == "run") return run_command(argc, argv);
  if (command == "engines") return engines_command();
  if (command == "--version") {
    std::printf("bfbench %s (commit %s)\n", bf::kVersion, bf::kGitCommit);
    return bf::exit_code::kOk;
  }
  bf::cli::exec_tools(argv);  // ir, the benchmark driver, asm, measure, --help, unknown commands
  return bf::exit_code::kRuntimeTrap;
}

}  // namespace

int main(int argc, char** argv) { return bf::cli::run_guarded(dispatch, argc, argv); }
