#include "core/runtime/process_cleanup.h"

#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <stdexcept>

#include "core/runtime/run_state.h"

namespace bf::cleanup {

namespace {

constexpr int kSlots = 64;
constexpr size_t kPathBytes = 4096;

// A child group slot holds the leader's pid, 0 when free.
constinit std::atomic<pid_t> child_groups[kSlots]{};

// A directory slot is free, being written by its owner, or ready for end_now() to read.
enum DirectoryState : int { kFree, kWriting, kReady };
struct DirectorySlot {
  std::atomic<int> state{kFree};
  char path[kPathBytes] = {};
};
// constinit: initialized at compile time (zero, in .bss). With a constructor run at start-up
// instead, the 64 slots 4 KiB apart cost every process 64 page faults before main.
constinit DirectorySlot directories[kSlots];

std::atomic<const RunState*> pending_state{nullptr};
std::atomic<int> pending_fd{-1};

void write_all(int fd, const uint8_t* bytes, size_t count) {
  while (count > 0) {
    const ssize_t written = ::write(fd, bytes, count);
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) return;
    bytes += written;
    count -= static_cast<size_t>(written);
  }
}

// Unlinks every entry of `path` (files only: ours hold no subdirectories), then the directory.
// getdents64 directly: opendir/readdir allocate, which a signal handler must not.
void remove_directory(const char* path) {
  const int fd = ::open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    alignas(8) char buffer[4096];
    for (;;) {
      const long got = ::syscall(SYS_getdents64, fd, buffer, sizeof buffer);
      if (got <= 0) break;
      for (long at = 0; at < got;) {
        const auto* entry = reinterpret_cast<const dirent64*>(buffer + at);
        const char* name = entry->d_name;
        if (std::strcmp(name, ".") != 0 && std::strcmp(name, "..") != 0) ::unlinkat(fd, name, 0);
        at += entry->d_reclen;
      }
    }
    ::close(fd);
  }
  ::rmdir(path);
}

constexpr int kEndSignals[] = {SIGINT, SIGTERM, SIGHUP};

sigset_t end_signals() {
  sigset_t signals;
  sigemptyset(&signals);
  for (const int signal_number : kEndSignals) sigaddset(&signals, signal_number);
  return signals;
}

void on_end_signal(int signal_number) { end_now(128 + signal_number); }

volatile std::sig_atomic_t stop_signal = 0;

void on_stop_signal(int signal_number) {
  if (stop_signal != 0) end_now(128 + signal_number);
  stop_signal = signal_number;
  kill_child_groups();
  constexpr char kNotice[] = "\nbfbench: stopping after the current run (once more to quit now)\n";
  (void)!::write(STDERR_FILENO, kNotice, sizeof kNotice - 1);
}

void handle_end_signals(void (*handler)(int)) {
  struct sigaction action {};
  action.sa_handler = handler;
  action.sa_mask = end_signals();  // while one is handled the others wait
  for (const int signal_number : kEndSignals) ::sigaction(signal_number, &action, nullptr);
}

}  // namespace

ChildGroup::ChildGroup(pid_t leader) : slot_(-1) {
  for (int slot = 0; slot < kSlots; ++slot) {
    pid_t expected = 0;
    if (child_groups[slot].compare_exchange_strong(expected, leader)) {
      slot_ = slot;
      return;
    }
  }
  // More children at once than slots: end it rather than leave it unaccounted for.
  ::kill(-leader, SIGKILL);
  ::waitpid(leader, nullptr, 0);
  throw std::runtime_error("too many child processes at once");
}

ChildGroup::~ChildGroup() { child_groups[slot_].store(0); }

TempDirectory::TempDirectory(const std::string& path) : slot_(-1) {
  if (path.size() >= kPathBytes) throw std::runtime_error("temporary directory path too long");
  for (int slot = 0; slot < kSlots; ++slot) {
    int expected = kFree;
    if (directories[slot].state.compare_exchange_strong(expected, kWriting)) {
      std::memcpy(directories[slot].path, path.c_str(), path.size() + 1);
      directories[slot].state.store(kReady);
      slot_ = slot;
      return;
    }
  }
  throw std::runtime_error("too many temporary directories at once");
}

TempDirectory::~TempDirectory() { directories[slot_].state.store(kFree); }

void set_pending_output(const RunState* state, int fd) {
  pending_fd.store(fd);
  pending_state.store(state);
}

void kill_child_groups() {
  for (std::atomic<pid_t>& group : child_groups) {
    if (const pid_t leader = group.load(); leader > 0) ::kill(-leader, SIGKILL);
  }
}

void end_now(int status) {
  kill_child_groups();
  for (std::atomic<pid_t>& group : child_groups) {
    if (const pid_t leader = group.load(); leader > 0) ::waitpid(leader, nullptr, 0);
  }
  for (DirectorySlot& directory : directories) {
    if (directory.state.load() == kReady) remove_directory(directory.path);
  }
  if (const RunState* state = pending_state.load(); state != nullptr && state->flushing == 0) {
    write_all(pending_fd.load(), state->out_buffer, state->out_length);
  }
  ::_exit(status);
}

void end_on_signals() { handle_end_signals(on_end_signal); }

void stop_on_signals() { handle_end_signals(on_stop_signal); }

int stop_requested() { return stop_signal; }

EndSignalsHeld::EndSignalsHeld() {
  const sigset_t signals = end_signals();
  ::pthread_sigmask(SIG_BLOCK, &signals, &previous_);
}

EndSignalsHeld::~EndSignalsHeld() { ::pthread_sigmask(SIG_SETMASK, &previous_, nullptr); }

void block_end_signals_in_this_thread() {
  const sigset_t signals = end_signals();
  ::pthread_sigmask(SIG_BLOCK, &signals, nullptr);
}

}  // namespace bf::cleanup
