// The cc engine's plumbing: finding the compiler, reporting its errors, cleaning up its files,
// and compiling from several threads at once; and how bfbench shows a missing compiler.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/parser.h"
#include "engines/cc/cc_engine.h"
#include "tests/support/engine_runner.h"
#include "tests/support/process.h"
#include "tests/support/require_engine.h"

namespace bf::testing {
namespace {

namespace fs = std::filesystem;

// Sets (or with nullopt unsets) an environment variable for the scope of a test.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::optional<std::string>& value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value) {
      ::setenv(name, value->c_str(), 1);
    } else {
      ::unsetenv(name);
    }
  }
  ~ScopedEnv() {
    if (old_) {
      ::setenv(name_, old_->c_str(), 1);
    } else {
      ::unsetenv(name_);
    }
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

// A fresh, empty directory for one test (TMPDIR for the compiles under test), removed after it.
class TestDir {
 public:
  explicit TestDir(const std::string& name)
      : path_(
            (fs::path(::testing::TempDir()) / (name + "-" + std::to_string(::getpid()))).string()) {
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TestDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  TestDir(const TestDir&) = delete;
  TestDir& operator=(const TestDir&) = delete;

  operator const std::string&() const { return path_; }
  bool empty() const { return fs::is_empty(path_); }

 private:
  std::string path_;
};

std::string write_script(const std::string& dir, const std::string& body) {
  const std::string path = dir + "/fake-cc";
  std::ofstream(path) << "#!/bin/sh\n" << body;
  ::chmod(path.c_str(), 0755);
  return path;
}

Program program_from(const std::string& code) { return parse(Source("test.b", code)); }

TEST(CcCompiler, TakesTheCompilerAndItsFlagsFromCC) {
  ScopedEnv cc_env("CC", "cc -w");
  std::string why_not;
  const std::optional<cc::CCompiler> found = cc::find_c_compiler(why_not);
  if (!found) GTEST_SKIP() << "no cc on PATH: " << why_not;
  ASSERT_EQ(found->command.size(), 2u);
  EXPECT_TRUE(found->command[0].ends_with("/cc")) << found->command[0];
  EXPECT_EQ(found->command[1], "-w");
}

TEST(CcCompiler, ACCNamingNoProgramMakesTheEngineUnavailable) {
  ScopedEnv cc_env("CC", "/nonexistent/bfbench-cc");
  const EngineInfo info = cc::engine_info();
  EXPECT_FALSE(info.available);
  EXPECT_NE(info.unavailable_reason.find("CC='/nonexistent/bfbench-cc'"), std::string::npos)
      << info.unavailable_reason;
}

TEST(CcCompiler, NoCompilerOnThePathMakesTheEngineUnavailable) {
  ScopedEnv cc_env("CC", std::nullopt);
  const TestDir empty("empty-path");
  ScopedEnv path_env("PATH", empty);
  const EngineInfo info = cc::engine_info();
  EXPECT_FALSE(info.available);
  EXPECT_EQ(info.unavailable_reason, "no C compiler found (set CC, or install gcc)");
}

TEST(CcCompiler, ACompileErrorCarriesTheCompilersFirstErrorLine) {
  const TestDir scripts("cc-scripts");
  const TestDir tmp("cc-error");
  ScopedEnv tmpdir("TMPDIR", tmp);
  // Complains like gcc, naming the source by its (temporary) path; the last argument is the source.
  const std::string fake = write_script(scripts,
                                        "for last; do :; done\n"
                                        "echo \"$last: In function 'bf_cc_main':\" >&2\n"
                                        "echo \"$last:3:1: error: fake failure\" >&2\n"
                                        "echo \"    3 | junk\" >&2\n"
                                        "exit 1\n");
  const auto engine = cc::make_engine(cc::CCompiler{{fake}});
  try {
    engine->compile(program_from("+."), {});
    FAIL() << "compiled with a failing compiler";
  } catch (const CompileError& error) {
    EXPECT_EQ(std::string(error.what()), fake + " failed: program.c:3:1: error: fake failure");
  }
  EXPECT_TRUE(tmp.empty()) << "temporary files left in " << std::string(tmp);
}

TEST(CcCompiler, ACompilerThatDiesSaysSo) {
  const TestDir scripts("cc-dies");
  const std::string fake = write_script(scripts, "kill -9 $$\n");
  const auto engine = cc::make_engine(cc::CCompiler{{fake}});
  EXPECT_THROW(
      {
        try {
          engine->compile(program_from("+"), {});
        } catch (const CompileError& error) {
          EXPECT_NE(std::string(error.what()).find("killed by signal 9"), std::string::npos)
              << error.what();
          throw;
        }
      },
      CompileError);
}

TEST(CcCompiler, LeavesNoFilesBehindAndShowsNoMachineCode) {
  BF_REQUIRE_ENGINE(cc, "cc");
  const TestDir tmp("cc-clean");
  ScopedEnv tmpdir("TMPDIR", tmp);
  const auto executable = cc.make()->compile(program_from("++++++++[>++++++++<-]>+."), {});
  EXPECT_TRUE(tmp.empty()) << "temporary files left in " << std::string(tmp);
  EXPECT_GT(executable->code_bytes(), 0u);
  EXPECT_FALSE(executable->machine_code().has_value());  // `bfbench asm` is for the JITs
  EXPECT_EQ(run_executable(*executable, {.tape_cells = 4096}).output, "A");
}

TEST(CcCompiler, CompilesFromSeveralThreadsAtOnce) {
  BF_REQUIRE_ENGINE(cc, "cc");
  const TestDir tmp("cc-threads");
  ScopedEnv tmpdir("TMPDIR", tmp);
  constexpr int kThreads = 4;
  constexpr int kRounds = 3;
  std::vector<std::string> outputs(kThreads * kRounds);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      const auto engine = cc.make();
      for (int r = 0; r < kRounds; ++r) {
        // Each program prints its own letter, so a mix-up between libraries shows.
        const std::string code = std::string(65 + t * kRounds + r, '+') + ".";
        const auto executable = engine->compile(program_from(code), {});
        outputs[t * kRounds + r] = run_executable(*executable, {.tape_cells = 4096}).output;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int i = 0; i < kThreads * kRounds; ++i) {
    EXPECT_EQ(outputs[i], std::string(1, static_cast<char>(65 + i)));
  }
  EXPECT_TRUE(tmp.empty()) << "temporary files left in " << std::string(tmp);
}

const std::string kBfbench = BFBENCH_BINARY;

TEST(CcCli, EnginesListsCcAsUnavailableWithoutACompiler) {
  const TestDir empty("cli-empty-path");
  const ProcessResult r =
      run_process({"/usr/bin/env", "-u", "CC", "PATH=" + std::string(empty), kBfbench, "engines"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("cc         unavailable  no C compiler found (set CC, or install gcc)"),
            std::string::npos)
      << r.out;
}

TEST(CcCli, RunningCcWithoutACompilerIsAUsageError) {
  const TestDir empty("cli-empty-path2");
  const ProcessResult r = run_process({"/usr/bin/env", "-u", "CC", "PATH=" + std::string(empty),
                                       kBfbench, "run", "--engine", "cc", "-e", "+."});
  EXPECT_EQ(r.exit_code, 64);
  EXPECT_EQ(
      r.err,
      "engine 'cc' is unavailable in this build: no C compiler found (set CC, or install gcc)\n");
}

TEST(CcCli, ACompilerThatFailsIsReportedOnOneLine) {
  const ProcessResult r =
      run_process({"/usr/bin/env", "CC=/bin/false", kBfbench, "run", "--engine", "cc", "-e", "+."});
  EXPECT_EQ(r.exit_code, 70);
  EXPECT_EQ(r.err, "cc: cannot compile: /bin/false failed: exited with status 1\n");
}

TEST(CcCli, RunsAProgram) {
  if (require_engine("cc") == nullptr) return;
  const ProcessResult r = run_process(
      {kBfbench, "run", "--engine", "cc", "-O2", "-e", "++++++++[>++++++++<-]>+.[>]<<<-"});
  EXPECT_EQ(r.out, "A");
  EXPECT_EQ(r.exit_code, 70);
  EXPECT_NE(r.err.find("tape underflow: '-' accesses cell -1"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace bf::testing
