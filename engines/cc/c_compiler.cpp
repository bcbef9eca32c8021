#include "engines/cc/c_compiler.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>

#include "core/engine.h"
#include "core/runtime/process_cleanup.h"
#include "engines/cc/temp_dir.h"

extern char** environ;

namespace bf::cc {

namespace {

std::vector<std::string> split_words(const std::string& text) {
  std::vector<std::string> words;
  std::istringstream in(text);
  for (std::string word; in >> word;) words.push_back(word);
  return words;
}

// The executable `program` names: itself if it has a slash, else the first match in PATH.
std::optional<std::string> resolve(const std::string& program) {
  if (program.find('/') != std::string::npos) {
    if (::access(program.c_str(), X_OK) == 0) return program;
    return std::nullopt;
  }
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path != nullptr ? path : "/usr/local/bin:/usr/bin:/bin");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    const std::string candidate = (dir.empty() ? "." : dir) + "/" + program;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return std::nullopt;
}

// The line a person needs from the compiler's complaints: the first error, else the first line.
// The temporary directory is gone by the time anyone reads it, so its name is cut out.
std::string first_error_line(const std::string& log, const std::string& dir) {
  std::istringstream lines(log);
  std::string first;
  for (std::string line; std::getline(lines, line);) {
    for (size_t at; (at = line.find(dir + "/")) != std::string::npos;)
      line.erase(at, dir.size() + 1);
    if (line.empty()) continue;
    if (line.find("error:") != std::string::npos) return line;
    if (first.empty()) first = line;
  }
  return first;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string seconds_text(std::chrono::duration<double> limit) {
  std::ostringstream text;
  text << limit.count();
  return text.str();
}

// Waits for the compiler; kills its process group once `limit` has passed.
int wait_for(pid_t pid, std::chrono::duration<double> limit, const std::string& name) {
  // Through syscall(): glibc 2.36's <sys/pidfd.h> lacks extern "C" for C++.
  const int pidfd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
  if (pidfd >= 0) {
    pollfd ready{pidfd, POLLIN, 0};
    const auto deadline =
        std::chrono::steady_clock::now() +
        std::chrono::duration_cast<std::chrono::steady_clock::duration>(limit);
    int polled = 0;
    do {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      polled = left.count() > 0 ? ::poll(&ready, 1, static_cast<int>(left.count())) : 0;
    } while (polled < 0 && errno == EINTR);
    ::close(pidfd);
    if (polled == 0) {
      ::kill(-pid, SIGKILL);
      int ignored = 0;
      ::waitpid(pid, &ignored, 0);
      throw CompileError(name + " took longer than " + seconds_text(limit) +
                         " s (the compile time limit, --compile-timeout)");
    }
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) throw CompileError("cannot wait for " + name + ": " + std::strerror(errno));
  }
  return status;
}

// The environment with TMPDIR replaced by `dir`, so that the compiler's own temporary files (as's
// object file, ld's) land in our directory and go with it.
std::vector<std::string> environment_with_tmpdir(const std::string& dir) {
  std::vector<std::string> variables;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    if (std::strncmp(*entry, "TMPDIR=", 7) != 0) variables.emplace_back(*entry);
  }
  variables.push_back("TMPDIR=" + dir);
  return variables;
}

std::vector<char*> pointers_to(std::vector<std::string>& words) {
  std::vector<char*> pointers;
  for (std::string& word : words) pointers.push_back(word.data());
  pointers.push_back(nullptr);
  return pointers;
}

// Runs the compiler with stdin from /dev/null and stdout+stderr into `log`; returns wait status.
// The compiler gets a process group of its own, so a timeout or a signal that ends bfbench can
// end its whole tree (cc1, as, ld).
int run_compiler(std::vector<std::string> argv, const std::string& log, const std::string& dir,
                 std::chrono::duration<double> time_limit) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK);
  posix_spawnattr_setpgroup(&attributes, 0);
  sigset_t nothing_blocked;
  sigemptyset(&nothing_blocked);
  posix_spawnattr_setsigmask(&attributes, &nothing_blocked);
  std::vector<std::string> variables = environment_with_tmpdir(dir);
  std::vector<char*> args = pointers_to(argv);
  std::vector<char*> env = pointers_to(variables);
  pid_t pid = 0;
  std::optional<cleanup::ChildGroup> registered;
  {
    const cleanup::EndSignalsHeld held;
    const int error = ::posix_spawn(&pid, args[0], &actions, &attributes, args.data(), env.data());
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    if (error != 0) {
      throw CompileError("cannot run " + argv[0] + ": " + std::strerror(error));
    }
    registered.emplace(pid);
  }
  return wait_for(pid, time_limit, argv[0]);
}

}  // namespace

std::optional<CCompiler> find_c_compiler(std::string& why_not) {
  const char* from_env = std::getenv("CC");
  if (from_env != nullptr && !split_words(from_env).empty()) {
    std::vector<std::string> words = split_words(from_env);
    const std::optional<std::string> program = resolve(words[0]);
    if (!program) {
      why_not = "CC='" + std::string(from_env) + "' names no executable program";
      return std::nullopt;
    }
    words[0] = *program;
    return CCompiler{words};
  }
  for (const char* name : {"cc", "gcc"}) {
    if (const std::optional<std::string> program = resolve(name)) return CCompiler{{*program}};
  }
  why_not = "no C compiler found (set CC, or install gcc)";
  return std::nullopt;
}

std::string describe(const CCompiler& compiler) {
  std::string text;
  for (const std::string& word : compiler.command) text += (text.empty() ? "" : " ") + word;
  return text;
}

std::unique_ptr<SharedLibrary> compile_and_load(const CCompiler& compiler,
                                                const std::string& c_source,
                                                std::chrono::duration<double> time_limit) {
  // dlopen hands back an already-loaded object with the same path, so no two libraries this
  // process has open may share one, even if mkdtemp reuses a name freed by an earlier compile.
  static std::atomic<uint64_t> serial{0};
  const TempDir dir;
  const std::string source = dir.file("program.c");
  const std::string object = dir.file("program-" + std::to_string(serial++) + ".so");
  const std::string log = dir.file("compiler.log");
  {
    std::ofstream out(source, std::ios::binary);
    out << c_source;
    if (!out.flush()) throw CompileError("cannot write " + source + ": " + std::strerror(errno));
  }
  std::vector<std::string> argv = compiler.command;
  for (const char* flag : {"-O2", "-pipe", "-w", "-shared", "-fPIC", "-o"}) argv.push_back(flag);
  argv.push_back(object);
  argv.push_back(source);
  const int status = run_compiler(argv, log, dir.path(), time_limit);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::string line = first_error_line(read_file(log), dir.path());
    if (line.empty()) {
      line = WIFEXITED(status) ? "exited with status " + std::to_string(WEXITSTATUS(status))
                               : "killed by signal " + std::to_string(WTERMSIG(status));
    }
    throw CompileError(describe(compiler) + " failed: " + line);
  }
  return std::make_unique<SharedLibrary>(object);
}

}  // namespace bf::cc
