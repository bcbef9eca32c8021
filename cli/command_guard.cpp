#include "cli/command_guard.h"

#include <csignal>
#include <cstdio>
#include <exception>
#include <string>

#include "cli/cli_common.h"
#include "cli/exit_codes.h"
#include "core/runtime/process_cleanup.h"

namespace bf::cli {

namespace {

// stdio, not iostream: the `run` executable should not pay for iostream's start-up.
void print_error(const std::string& line) { std::fprintf(stderr, "%s\n", line.c_str()); }

}  // namespace

int run_guarded(int (*dispatch)(int argc, char** argv), int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);  // a closed pipe becomes a write error we report, not a silent death
  // SIGINT, SIGTERM, SIGHUP: the C compiler's process group and temporary directories go too, the
  // output so far is written, and the status is 130, 143 or 129 (process_cleanup.h).
  cleanup::end_on_signals();
  try {
    return dispatch(argc, argv);
  } catch (const UsageError& error) {
    print_error("bfbench: " + error.message + " (see bfbench --help)");
    return exit_code::kUsage;
  } catch (const CommandError& error) {
    print_error(error.message);  // starts with the file it is about
    return error.code;
  } catch (const std::exception& error) {
    print_error(std::string("bfbench: internal error: ") + error.what());
    return exit_code::kRuntimeTrap;
  }
}

}  // namespace bf::cli
