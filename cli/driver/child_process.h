// ChildProcess: one whole run of another program (an external BF implementation, or a `bfbench
// run` child), timed from spawn to reap, with its stdout kept and its peak memory from wait4.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace bf::driver {

struct ChildResult {
  bool spawned = false;   // false: `error` says why it could not start
  bool timed_out = false; // killed (with its whole process group) at the time limit
  std::optional<int> exit_status;  // set when it exited
  std::optional<int> signal;       // set when a signal ended it
  std::string output;              // everything it wrote to stdout
  std::string stderr_line;         // the first line it wrote to stderr (for a crash's verdict)
  double seconds = 0;              // wall time from spawn to reap
  long peak_rss_kib = 0;           // ru_maxrss of the child (wait4)
  std::string error;
};

// Runs argv[0] (a path, or a name looked up in PATH; one that cannot be executed exits 127) with
// stdin from `input_path` (empty: /dev/null), stdout captured, stderr kept in memory (its first
// line goes into describe_ending), in a process group of its own registered with
// process_cleanup.h, so a signal that ends bfbench ends it too. At `time_limit` the whole group is
// killed; after the leader is reaped the group is killed as well, so nothing it started outlives it.
ChildResult run_child(const std::vector<std::string>& argv, const std::string& input_path,
                      std::chrono::duration<double> time_limit);

// "exit status 3; stderr: <its first line>", "signal 11 (Segmentation fault)", "timed out after
// 5 s", "ok".
std::string describe_ending(const ChildResult& result, std::chrono::duration<double> time_limit);

}  // namespace bf::driver
