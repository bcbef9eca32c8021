// Runs a command as a child process with given stdin; captures stdout, stderr and exit status.
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace bf::testing {

struct ProcessResult {
  int exit_code = -1;     // -1 when killed by a signal or timed out
  int signal = 0;         // the signal that ended it, if any
  bool timed_out = false;
  std::string out;
  std::string err;
};

// Kills the child after `limit` (a hang is a test failure, not a stuck suite).
ProcessResult run_process(const std::vector<std::string>& argv, const std::string& stdin_data = "",
                          std::chrono::seconds limit = std::chrono::seconds(120));

}  // namespace bf::testing
