// The frame both bfbench executables run their commands in: signal set-up, and the errors a
// command throws turned into a message and an exit code.
#pragma once

namespace bf::cli {

// Sets up SIGPIPE/SIGINT/SIGTERM/SIGHUP handling, calls `dispatch`, and turns a UsageError (64),
// a CommandError (its code) or any other exception (70) into one line on stderr.
int run_guarded(int (*dispatch)(int argc, char** argv), int argc, char** argv);

}  // namespace bf::cli
