#include "cli/driver/child_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <sstream>

#include "core/runtime/process_cleanup.h"

extern char** environ;

namespace bf::driver {

namespace {

using Clock = std::chrono::steady_clock;

struct Pipe {
  int read_end = -1;
  int write_end = -1;
  ~Pipe() {
    if (read_end >= 0) ::close(read_end);
    if (write_end >= 0) ::close(write_end);
  }
};

int milliseconds_left(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return left.count() > 0 ? static_cast<int>(left.count()) : 0;
}

// Reads the child's stdout until it closes or the deadline passes; false when the deadline passed.
bool read_until_closed(int fd, Clock::time_point deadline, std::string& output) {
  char buffer[65536];
  for (;;) {
    pollfd ready{fd, POLLIN, 0};
    const int polled = ::poll(&ready, 1, milliseconds_left(deadline));
    if (polled < 0 && errno == EINTR) continue;
    if (polled == 0) return false;
    const ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return true;
    output.append(buffer, static_cast<size_t>(got));
  }
}

// Waits for the leader until the deadline (polling: a child that closed stdout may still run).
bool reap_until(pid_t pid, Clock::time_point deadline, int& status, rusage& usage) {
  for (;;) {
    const pid_t got = ::wait4(pid, &status, WNOHANG, &usage);
    if (got == pid) return true;
    if (got < 0 && errno != EINTR) return true;
    if (milliseconds_left(deadline) == 0) return false;
    ::usleep(1000);
  }
}

}  // namespace

ChildResult run_child(const std::vector<std::string>& argv, const std::string& input_path,
                      std::chrono::duration<double> time_limit) {
  ChildResult result;
  Pipe out;
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    result.error = std::string("cannot make a pipe: ") + std::strerror(errno);
    return result;
  }
  out.read_end = fds[0];
  out.write_end = fds[1];

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, input_path.empty() ? "/dev/null" : input_path.c_str(),
                                   O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out.write_end, 1);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK);
  posix_spawnattr_setpgroup(&attributes, 0);
  sigset_t nothing_blocked;
  sigemptyset(&nothing_blocked);
  posix_spawnattr_setsigmask(&attributes, &nothing_blocked);

  std::vector<std::string> words = argv;
  std::vector<char*> args;
  for (std::string& word : words) args.push_back(word.data());
  args.push_back(nullptr);

  pid_t pid = 0;
  int spawned = 0;
  std::optional<cleanup::ChildGroup> registered;
  const auto start = Clock::now();
  {
    // Between the spawn and the registration a signal must not end bfbench.
    cleanup::EndSignalsHeld held;
    spawned = ::posix_spawnp(&pid, args[0], &actions, &attributes, args.data(), environ);
    if (spawned == 0) registered.emplace(pid);
  }
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  if (spawned != 0) {
    result.error = "cannot run " + argv[0] + ": " + std::strerror(spawned);
    return result;
  }
  result.spawned = true;
  ::close(out.write_end);
  out.write_end = -1;

  const auto deadline = start + std::chrono::duration_cast<Clock::duration>(time_limit);
  int status = 0;
  rusage usage{};
  bool ended = read_until_closed(out.read_end, deadline, result.output) &&
               reap_until(pid, deadline, status, usage);
  if (!ended) {
    result.timed_out = true;
    ::kill(-pid, SIGKILL);
    while (::wait4(pid, &status, 0, &usage) < 0 && errno == EINTR) {
    }
  }
  result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  // Whatever the leader left behind in its group goes with it.
  ::kill(-pid, SIGKILL);
  result.peak_rss_kib = usage.ru_maxrss;
  if (!result.timed_out) {
    if (WIFEXITED(status)) result.exit_status = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
  }
  return result;
}

std::string describe_ending(const ChildResult& result, std::chrono::duration<double> time_limit) {
  std::ostringstream text;
  if (!result.spawned) text << result.error;
  else if (result.timed_out) text << "timed out after " << time_limit.count() << " s";
  else if (result.signal) text << "signal " << *result.signal << " (" << strsignal(*result.signal) << ")";
  else if (result.exit_status && *result.exit_status != 0) text << "exit status " << *result.exit_status;
  else text << "ok";
  return text.str();
}

}  // namespace bf::driver
