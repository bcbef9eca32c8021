// Process cleanup: what an interrupted bfbench must not leave behind -- child process groups (the
// cc engine's C compiler) and temporary directories -- and the output it still holds.
//
// Whoever starts a child or makes a directory registers it for as long as it lives (ChildGroup,
// TempDirectory). When the process has to end early -- SIGINT, SIGTERM, SIGHUP, a closed output
// pipe -- end_now() kills and reaps every registered group, empties and removes every registered
// directory, writes the output the current run has buffered, and _exits with the status given.
// Everything it does is async-signal-safe: fixed slots claimed with atomics, raw system calls, no
// allocation and no locks, so a signal handler may call it.
#pragma once

#include <signal.h>
#include <sys/types.h>

#include <string>

namespace bf {

struct RunState;

namespace cleanup {

// Exit statuses of a process ended by a signal, as shells report them (128 + signal number).
inline constexpr int kInterruptedStatus = 130;  // SIGINT
inline constexpr int kTerminatedStatus = 143;   // SIGTERM
inline constexpr int kHangUpStatus = 129;       // SIGHUP

// A child that leads a process group of its own (posix_spawn with POSIX_SPAWN_SETPGROUP, 0):
// registered from construction to destruction, which is after the caller reaped it.
class ChildGroup {
 public:
  explicit ChildGroup(pid_t leader);
  ~ChildGroup();
  ChildGroup(const ChildGroup&) = delete;
  ChildGroup& operator=(const ChildGroup&) = delete;

 private:
  int slot_;
};

// A directory (with files directly inside, no subdirectories) to remove if the process ends
// early; the owner removes it itself otherwise, and unregisters first.
class TempDirectory {
 public:
  explicit TempDirectory(const std::string& path);
  ~TempDirectory();
  TempDirectory(const TempDirectory&) = delete;
  TempDirectory& operator=(const TempDirectory&) = delete;

 private:
  int slot_;
};

// The run whose buffered output end_now() writes to `fd` first (nullptr: none). Not while the
// run is inside RunState::flush(): that write is already under way, and writing the buffer again
// could repeat bytes -- what reaches `fd` is always a prefix of the program's output.
void set_pending_output(const RunState* state, int fd);

// Kills every registered child group now (SIGKILL) without waiting: what a --timeout does to a
// compile still running, which then fails as killed.
void kill_child_groups();

// Kills and reaps the registered child groups, removes the registered directories, writes the
// pending output, and _exits with `status`.
[[noreturn]] void end_now(int status);

// SIGINT, SIGTERM and SIGHUP end the process through end_now() with 130, 143 and 129. Call once,
// early, from the main thread.
void end_on_signals();

// For work that can stop between steps and still report (the benchmark driver): from now on the
// first SIGINT, SIGTERM or SIGHUP only asks to stop -- stop_requested() turns true and a compile
// still running is killed -- and a second one ends the process through end_now().
void stop_on_signals();
// The signal that asked to stop, or 0.
int stop_requested();

// Holds SIGINT, SIGTERM and SIGHUP back in this thread while alive: between making a child or a
// directory and registering it, a signal must not end bfbench (it would leave that behind).
class EndSignalsHeld {
 public:
  EndSignalsHeld();
  ~EndSignalsHeld();
  EndSignalsHeld(const EndSignalsHeld&) = delete;
  EndSignalsHeld& operator=(const EndSignalsHeld&) = delete;

 private:
  sigset_t previous_;
};

// Blocks those signals in the calling thread, so that they reach the main thread (a helper
// thread such as the watchdog calls it first).
void block_end_signals_in_this_thread();

}  // namespace cleanup
}  // namespace bf
