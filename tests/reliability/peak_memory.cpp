// Peak memory of a child process at its exit stop (PTRACE_O_TRACEEXIT), see peak_memory.h.
#include "tests/reliability/peak_memory.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <stdexcept>
#include <thread>

namespace bf::testing {

namespace {

// "VmHWM:     10060 kB" from /proc/PID/status; 0 if the line is missing.
uint64_t high_water_mark_kib(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stoull(line.substr(6));
  }
  return 0;
}

}  // namespace

PeakMemory measure_peak_memory(const std::vector<std::string>& argv, const std::string& stdout_path,
                               std::chrono::seconds limit) {
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    const int out = ::open(stdout_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int in = ::open("/dev/null", O_RDONLY);
    if (out < 0 || in < 0) ::_exit(127);
    ::dup2(out, 1);
    ::dup2(in, 0);
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::ptrace(PTRACE_TRACEME, 0, nullptr, nullptr);
    ::execv(args[0], args.data());  // stops with SIGTRAP once the new program is loaded
    ::_exit(127);
  }
  PeakMemory result;
  const auto deadline = std::chrono::steady_clock::now() + limit;
  bool options_set = false;
  for (;;) {
    int status = 0;
    const pid_t got = ::waitpid(pid, &status, WNOHANG);
    if (got == 0) {
      if (!result.timed_out && std::chrono::steady_clock::now() > deadline) {
        ::kill(pid, SIGKILL);
        result.timed_out = true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      continue;
    }
    if (got < 0) break;
    if (WIFEXITED(status)) {
      if (!result.timed_out) result.exit_code = WEXITSTATUS(status);
      break;
    }
    if (WIFSIGNALED(status)) {
      result.signal = WTERMSIG(status);
      break;
    }
    if (!WIFSTOPPED(status)) continue;
    int deliver = 0;
    if (!options_set) {
      // The stop after execve: from now on stop once more, at exit, with the memory still mapped.
      ::ptrace(PTRACE_SETOPTIONS, pid, nullptr, PTRACE_O_TRACEEXIT | PTRACE_O_EXITKILL);
      options_set = true;
    } else if ((status >> 8) == (SIGTRAP | (PTRACE_EVENT_EXIT << 8))) {
      result.peak_kib = high_water_mark_kib(pid);
    } else {
      deliver = WSTOPSIG(status);  // a signal for the child (SIGCHLD, a JIT's SIGSEGV): pass it on
    }
    ::ptrace(PTRACE_CONT, pid, nullptr, reinterpret_cast<void*>(static_cast<intptr_t>(deliver)));
  }
  return result;
}

}  // namespace bf::testing
