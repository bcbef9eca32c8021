// bfbench end to end: exit codes and one-line messages for every kind of bad input.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "tests/support/process.h"

namespace bf::testing {
namespace {

const std::string kBfbench = BFBENCH_BINARY;
const std::string kCorpus = std::string(BFBENCH_SOURCE_DIR) + "/corpus/";

ProcessResult bfbench(std::vector<std::string> args, const std::string& stdin_data = "") {
  args.insert(args.begin(), kBfbench);
  return run_process(args, stdin_data);
}

// Every error is exactly one line on stderr.
void expect_one_line(const ProcessResult& r) {
  ASSERT_FALSE(r.err.empty());
  EXPECT_EQ(r.err.back(), '\n');
  EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << r.err;
}

std::string write_temp(const std::string& name, const std::string& contents) {
  const std::string path = ::testing::TempDir() + name;
  std::ofstream(path, std::ios::binary) << contents;
  return path;
}

TEST(Cli, RunsAProgramFileToStdout) {
  const ProcessResult r = bfbench({"run", kCorpus + "hello.b"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "Hello World!\n");
  EXPECT_EQ(r.err, "");
}

TEST(Cli, RunsInlineCodeReadingStdin) {
  const ProcessResult r = bfbench({"run", "--eof", "0", "-e", ",[.,]"}, "echo me");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "echo me");
}

TEST(Cli, ReadsInputFromAFileOrText) {
  EXPECT_EQ(bfbench({"run", "--eof=0", "--input", kCorpus + "echo.in", kCorpus + "echo.b"}).out,
            bfbench({"run", "--eof=0", kCorpus + "echo.b"}, "The quick brown fox jumps over the lazy dog.\n").out.substr(0, 45));
  EXPECT_EQ(bfbench({"run", "--eof=0", "--input-text", "hi", "-e", ",[.,]"}).out, "hi");
}

TEST(Cli, EveryLevelAndTheNaiveEngineGiveTheSameOutput) {
  for (const char* level : {"-O0", "-O1", "-O2", "-O3"}) {
    const ProcessResult r = bfbench({"run", "--engine", "naive", level, kCorpus + "idioms.b"});
    EXPECT_EQ(r.exit_code, 0) << level;
    EXPECT_EQ(r.out.size(), 16u) << level;
  }
}

TEST(Cli, UnmatchedOpenIsExit65WithPosition) {
  const std::string path = write_temp("open.b", "++\n+[+\n");
  const ProcessResult r = bfbench({"run", path});
  EXPECT_EQ(r.exit_code, 65);
  EXPECT_EQ(r.err, path + ":2:2 (byte 4): unmatched '['\n");
}

TEST(Cli, UnmatchedCloseIsExit65WithPosition) {
  const ProcessResult r = bfbench({"run", "-e", "+]"});
  EXPECT_EQ(r.exit_code, 65);
  EXPECT_EQ(r.err, "-e:1:2 (byte 1): unmatched ']'\n");
}

TEST(Cli, MissingFileIsExit66) {
  const ProcessResult r = bfbench({"run", "/nonexistent.b"});
  EXPECT_EQ(r.exit_code, 66);
  EXPECT_EQ(r.err, "/nonexistent.b: cannot read: No such file or directory\n");
}

TEST(Cli, DirectoryAsFileIsExit66) {
  const ProcessResult r = bfbench({"run", "/"});
  EXPECT_EQ(r.exit_code, 66);
  expect_one_line(r);
}

TEST(Cli, UnreadableInputFileIsExit66) {
  const ProcessResult r = bfbench({"run", "--input", "/nonexistent.in", "-e", ","});
  EXPECT_EQ(r.exit_code, 66);
  expect_one_line(r);
}

TEST(Cli, TapeUnderflowIsExit70NamingTheCommandAndKeepingOutput) {
  const ProcessResult r = bfbench({"run", kCorpus + "trap_left.b"});
  EXPECT_EQ(r.exit_code, 70);
  EXPECT_EQ(r.out, "\x01");
  EXPECT_EQ(r.err, kCorpus + "trap_left.b:2:4 (byte 71): tape underflow: '-' accesses cell -1, left of cell 0\n");
}

TEST(Cli, TapeOverflowIsExit70NamingTheCommand) {
  const ProcessResult r = bfbench({"run", "--tape-size", "4096", "-e", "+[>+]"});
  EXPECT_EQ(r.exit_code, 70);
  EXPECT_EQ(r.err, "-e:1:4 (byte 3): tape overflow: '+' accesses cell 4096, past the last cell (4095)\n");
}

TEST(Cli, StepLimitIsExit70) {
  const ProcessResult r = bfbench({"run", "--max-steps", "10000", "-e", "+.[]"});
  EXPECT_EQ(r.exit_code, 70);
  EXPECT_EQ(r.out, "\x01");
  EXPECT_EQ(r.err, "-e: step limit reached (--max-steps)\n");
}

TEST(Cli, TimeLimitIsExit124) {
  const ProcessResult r = bfbench({"run", "--timeout", "0.2", "-e", "+.[]"});
  EXPECT_EQ(r.exit_code, 124);
  EXPECT_EQ(r.out, "\x01");
  EXPECT_EQ(r.err, "-e: time limit reached (--timeout)\n");
}

TEST(Cli, BadFlagValuesAreExit64) {
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"run", "--tape-size", "-5", "-e", "+"},
           {"run", "--tape-size", "0", "-e", "+"},
           {"run", "--max-steps", "lots", "-e", "+"},
           {"run", "--timeout", "-1", "-e", "+"},
           {"run", "--eof", "7", "-e", "+"},
           {"run", "-O9", "-e", "+"},
           {"run", "--engine", "nosuch", "-e", "+"},
           {"run", "--no-such-flag", "-e", "+"},
           {"run"},
           {"frobnicate"}}) {
    const ProcessResult r = bfbench(args);
    EXPECT_EQ(r.exit_code, 64) << ::testing::PrintToString(args);
    expect_one_line(r);
  }
}

TEST(Cli, UnknownEngineListsTheValidNames) {
  const ProcessResult r = bfbench({"run", "--engine", "nosuch", "-e", "+"});
  EXPECT_NE(r.err.find("valid: naive"), std::string::npos) << r.err;
}

TEST(Cli, MisspeltNamesGetADidYouMean) {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"rnu", "-e", "+"}, "did you mean 'run'?"},
      {{"run", "--engine", "asmjti", "-e", "+"}, "did you mean 'asmjit'?"},
      {{"run", "--enigne", "asmjit", "-e", "+"}, "did you mean '--engine'?"},
      {{"asm", "--engine", "handjt", "-e", "+"}, "did you mean 'handjit'?"},
      {{"--engine=threadd", "--quick"}, "did you mean 'threaded'?"},
      {{"--programs=hello", "--quick"}, "did you mean '--program'?"},
      {{"--program=helo", "--engine=naive"}, "did you mean 'hello'?"},
  };
  for (const auto& [args, hint] : cases) {
    const ProcessResult r = bfbench(args);
    EXPECT_EQ(r.exit_code, 64) << ::testing::PrintToString(args);
    EXPECT_NE(r.err.find(hint), std::string::npos) << ::testing::PrintToString(args) << r.err;
    expect_one_line(r);
  }
  // Nothing near: no guess.
  EXPECT_EQ(bfbench({"run", "--engine", "zzzzzzzz", "-e", "+"}).err.find("did you mean"),
            std::string::npos);
}

TEST(Cli, AProgramFileAsTheCommandSuggestsRun) {
  const std::string path = ::testing::TempDir() + "cli_suggest_run.b";
  { std::ofstream(path) << "+."; }
  const ProcessResult r = bfbench({path});
  std::remove(path.c_str());
  EXPECT_EQ(r.exit_code, 64);
  EXPECT_NE(r.err.find("did you mean 'bfbench run " + path + "'?"), std::string::npos) << r.err;
}

TEST(Cli, HelpAndVersionExitZero) {
  EXPECT_EQ(bfbench({"--help"}).exit_code, 0);
  EXPECT_NE(bfbench({"--help"}).out.find("Exit codes"), std::string::npos);
  EXPECT_EQ(bfbench({"run", "--help"}).exit_code, 0);
  EXPECT_EQ(bfbench({"ir", "--help"}).exit_code, 0);
  const ProcessResult version = bfbench({"--version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_EQ(version.out.rfind("bfbench ", 0), 0u);
}

TEST(Cli, IrPrintsTheProgram) {
  const ProcessResult r = bfbench({"ir", "-O0", "-e", "+."});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out,
            "0     add p[0] += 1                     @0\n"
            "1     out p[0]                          @1\n");
}

// The shell prints its pid and execs bfbench, so that pid is bfbench's and names its perf map.
TEST(Cli, RunWithPerfMapWritesTmpPerfPidMapForAJit) {
  const ProcessResult r = run_process(
      {"/bin/sh", "-c", "echo $$; exec \"$0\" run --engine handjit -O1 --perf-map -e '++[>+<-]>.'",
       kBfbench});
  if (r.exit_code == 64 && r.err.find("unavailable") != std::string::npos) {
    GTEST_SKIP() << "handjit is not in this build";
  }
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string pid = r.out.substr(0, r.out.find('\n'));
  EXPECT_EQ(r.out.substr(pid.size() + 1), "\x02");
  const std::string path = "/tmp/perf-" + pid + ".map";
  std::stringstream map;
  map << std::ifstream(path).rdbuf();
  std::remove(path.c_str());
  EXPECT_NE(map.str().find(" bf handjit entry\n"), std::string::npos) << map.str();
  EXPECT_NE(map.str().find(" bf handjit op 3 add p[0] += 1 @byte 4\n"), std::string::npos)
      << map.str();
}

TEST(Cli, PassOptionsWorkForEveryCommand) {
  const ProcessResult kept = bfbench({"ir", "--disable-pass", "clear-loops", "-e", "+[-]"});
  EXPECT_EQ(kept.exit_code, 0) << kept.err;
  EXPECT_EQ(kept.out.find("set"), std::string::npos) << kept.out;
  const ProcessResult none = bfbench({"run", "--only-passes=", "-e", "+++[>++<-]>."});
  EXPECT_EQ(none.exit_code, 0) << none.err;
  EXPECT_EQ(none.out, "\x06");
  const ProcessResult unknown = bfbench({"ir", "--disable-pass=nope", "-e", "+"});
  EXPECT_EQ(unknown.exit_code, 64);
  EXPECT_NE(unknown.err.find("no pass is named 'nope'"), std::string::npos) << unknown.err;
  expect_one_line(unknown);
}

TEST(Cli, ExploreWritesOneSelfContainedPage) {
  const std::string dir = ::testing::TempDir() + "explore-page";
  const ProcessResult r = bfbench({"explore", "-e", "++[>+<-]>.", "-O1", "--engines", "naive",
                                   "-o", dir});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, dir + "/index.html\n");
  std::stringstream page;
  page << std::ifstream(dir + "/index.html").rdbuf();
  EXPECT_EQ(page.str().find("/*BF_"), std::string::npos) << "a placeholder is left";
  EXPECT_EQ(page.str().find("src=\"http"), std::string::npos) << "the page loads from the network";
  // The counting run's counts at O1: add 2, loop, move, add, move, add -1, end, move, out.
  EXPECT_NE(page.str().find("\"counts\":[1,1,2,2,2,2,2,1,1]"), std::string::npos);
  const ProcessResult no_dir = bfbench({"explore", "-e", "+"});
  EXPECT_EQ(no_dir.exit_code, 64);
  expect_one_line(no_dir);
}

TEST(Cli, EnginesListsNaive) {
  const ProcessResult r = bfbench({"engines"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("naive"), std::string::npos);
}

TEST(Cli, ClosedStdoutIsAWriteErrorNotACrash) {
  // /dev/full accepts the open but fails every write with ENOSPC.
  const ProcessResult r = run_process({"/bin/sh", "-c", kBfbench + " run -e '+.' > /dev/full"});
  EXPECT_EQ(r.exit_code, 74);
  expect_one_line(r);
}

// Start-up: `bfbench run` loads only what a run needs. The benchmark library, the disassembler and
// libcrypto belong to bfbench-tools (cli/tools_exec.h), which every other command still reaches.
TEST(Cli, RunLoadsNeitherTheBenchmarkLibraryNorTheDisassemblerNorLibcrypto) {
  const ProcessResult r = run_process({"/usr/bin/env", "LD_DEBUG=libs", kBfbench, "run", "-e", "."});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_NE(r.err.find("libc.so"), std::string::npos) << "no dynamic loader trace: " << r.err;
  for (const char* heavy : {"libbenchmark", "libcapstone", "libcrypto"}) {
    EXPECT_EQ(r.err.find(heavy), std::string::npos) << "bfbench run loads " << heavy;
  }
}

TEST(Cli, CommandsBeyondRunReachBfbenchTools) {
  const ProcessResult help = bfbench({"--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("bfbench asm [options] FILE"), std::string::npos) << help.out;
  EXPECT_NE(help.out.find("--engine"), std::string::npos) << "no benchmark options: " << help.out;
  const ProcessResult asm_help = bfbench({"asm", "--help"});
  EXPECT_EQ(asm_help.exit_code, 0) << asm_help.err;
  const ProcessResult unknown = bfbench({"frobnicate"});
  EXPECT_EQ(unknown.exit_code, 64);
  EXPECT_EQ(unknown.err, "bfbench: unknown command 'frobnicate' (see bfbench --help)\n");
}

}  // namespace
}  // namespace bf::testing
