#include "cli/driver/child_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <sstream>

#include "core/runtime/process_cleanup.h"

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

// `name` looked up in PATH, or itself when no folder has it (the exec then fails with ENOENT).
std::string resolve_in_path(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path != nullptr ? path : "/usr/local/bin:/usr/bin:/bin");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    const std::string candidate = (dir.empty() ? "." : dir) + "/" + name;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return name;
}

// In the forked child: its own process group, stdin from the input, stdout into the pipe, stderr
// into an anonymous file, no signal blocked, then the program. Exit 127 when it cannot be started (as a shell).
[[noreturn]] void exec_child(char** args, const char* stdin_path, int stdout_fd, int stderr_fd) {
  ::setpgid(0, 0);
  const int in = ::open(stdin_path, O_RDONLY | O_CLOEXEC);
  if (in < 0 || ::dup2(in, 0) < 0 || ::dup2(stdout_fd, 1) < 0 || ::dup2(stderr_fd, 2) < 0) {
    ::_exit(127);
  }
  sigset_t nothing_blocked;
  sigemptyset(&nothing_blocked);
  ::sigprocmask(SIG_SETMASK, &nothing_blocked, nullptr);
  ::execv(args[0], args);
  ::_exit(127);
}

// The first line the child wrote to stderr (at most 200 bytes), for the verdict of a crash.
std::string first_line(int fd) {
  char text[201];
  const ssize_t got = ::pread(fd, text, sizeof text - 1, 0);
  if (got <= 0) return "";
  std::string line(text, static_cast<size_t>(got));
  return line.substr(0, line.find('\n'));
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

  // Prepared before the fork: the child calls only async-signal-safe functions.
  std::vector<std::string> words = argv;
  if (words[0].find('/') == std::string::npos) words[0] = resolve_in_path(words[0]);
  std::vector<char*> args;
  for (std::string& word : words) args.push_back(word.data());
  args.push_back(nullptr);
  const std::string stdin_path = input_path.empty() ? "/dev/null" : input_path;
  const int stderr_fd = ::memfd_create("bfbench-child-stderr", MFD_CLOEXEC);
  if (stderr_fd < 0) {
    result.error = std::string("cannot make a file for stderr: ") + std::strerror(errno);
    return result;
  }

  pid_t pid = 0;
  std::optional<cleanup::ChildGroup> registered;
  const auto start = Clock::now();
  {
    // Between the fork and the registration a signal must not end bfbench.
    cleanup::EndSignalsHeld held;
    // fork, not posix_spawn: posix_spawn's vfork shares bfbench's memory until the exec, and the
    // kernel then counts bfbench's peak into the child's ru_maxrss.
    pid = ::fork();
    if (pid == 0) exec_child(args.data(), stdin_path.c_str(), out.write_end, stderr_fd);
    if (pid > 0) {
      ::setpgid(pid, pid);  // as the child does: whichever runs first, the group exists
      registered.emplace(pid);
    }
  }
  if (pid < 0) {
    result.error = "cannot run " + argv[0] + ": " + std::strerror(errno);
    ::close(stderr_fd);
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
  result.stderr_line = first_line(stderr_fd);
  ::close(stderr_fd);
  if (!result.timed_out) {
    if (WIFEXITED(status)) result.exit_status = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
  }
  return result;
}

std::string describe_ending(const ChildResult& result, std::chrono::duration<double> time_limit) {
  std::ostringstream text;
  if (!result.spawned) return result.error;
  if (result.timed_out) {
    text << "timed out after " << time_limit.count() << " s";
    return text.str();
  }
  if (result.signal) {
    text << "signal " << *result.signal << " (" << strsignal(*result.signal) << ")";
  } else if (result.exit_status.value_or(0) != 0) {
    text << "exit status " << *result.exit_status;
    if (*result.exit_status == 127) text << " (could it be started? 127 is also a failed exec)";
  } else {
    return "ok";
  }
  if (!result.stderr_line.empty()) text << "; stderr: " << result.stderr_line;
  return text.str();
}

}  // namespace bf::driver
