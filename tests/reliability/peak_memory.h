// Peak resident memory of a child process itself (not of the compilers it starts), read from
// /proc/PID/status (VmHWM) at the moment it exits, under ptrace.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace bf::testing {

struct PeakMemory {
  int exit_code = -1;  // -1 when killed by a signal or timed out
  int signal = 0;
  bool timed_out = false;
  uint64_t peak_kib = 0;  // VmHWM: the high-water mark of the resident set, in KiB
};

// Runs argv[0] (a path) with stdin from /dev/null and stdout into `stdout_path`. wait4()'s
// ru_maxrss would also count a child it waited for (the cc engine's C compiler); VmHWM read at
// the exit stop is this process alone. Killed after `limit`.
PeakMemory measure_peak_memory(const std::vector<std::string>& argv, const std::string& stdout_path,
                               std::chrono::seconds limit = std::chrono::seconds(300));

}  // namespace bf::testing
