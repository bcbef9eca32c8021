// Bad input end to end through bfbench, on every available engine: each case ends with its
// documented exit code (README: 0 ok, 64 usage, 65 parse, 66 unreadable, 70 trap or step limit,
// 124 time limit), exactly one line on stderr (nothing on success), the output produced before the
// error, no signal and no hang. Under the sanitizer build any sanitizer report breaks the
// one-line rule, so these cases double as "no sanitizer report".
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "core/parser.h"
#include "engines/builtin_engines.h"
#include "tests/support/engine_runner.h"
#include "tests/support/process.h"

namespace bf::testing {
namespace {

const std::string kBfbench = BFBENCH_BINARY;

struct Expected {
  int exit_code = 0;
  std::string out;
  std::string err;  // the whole of stderr
};

std::vector<std::string> available_engines() {
  std::vector<std::string> names;
  for (const EngineInfo& engine : builtin_engines().all()) {
    if (engine.available) names.push_back(engine.name);
  }
  return names;
}

// The files the cases write (one is 100 MB), removed when the test program ends.
struct TempFiles {
  std::vector<std::string> paths;
  ~TempFiles() {
    for (const std::string& path : paths) std::remove(path.c_str());
  }
};

std::string temp_file(const std::string& name, const std::string& contents) {
  static TempFiles files;
  const std::string path = ::testing::TempDir() + "bad_input_" + name;
  std::ofstream(path, std::ios::binary) << contents;
  files.paths.push_back(path);
  return path;
}

std::string one_line(const std::string& text) { return text + "\n"; }

// Runs bfbench and checks everything a bad input must get right.
void expect_bfbench(std::vector<std::string> args, const Expected& want,
                    const std::string& stdin_data = "",
                    std::chrono::seconds limit = std::chrono::seconds(300)) {
  std::string command = "bfbench";
  for (const std::string& arg : args) command += " " + (arg.size() > 60 ? arg.substr(0, 60) + "..." : arg);
  SCOPED_TRACE(command);
  args.insert(args.begin(), kBfbench);
  const ProcessResult r = run_process(args, stdin_data, limit);
  ASSERT_FALSE(r.timed_out) << "hung";
  ASSERT_EQ(r.signal, 0) << "killed by signal " << r.signal << "; stderr: " << r.err.substr(0, 2000);
  EXPECT_EQ(r.exit_code, want.exit_code) << r.err.substr(0, 2000);
  EXPECT_EQ(r.out, want.out);
  EXPECT_EQ(r.err, want.err);
}

// The same case on every available engine at O0 and O3.
void expect_on_every_engine(const std::vector<std::string>& args, const Expected& want,
                            const std::string& stdin_data = "") {
  for (const std::string& engine : available_engines()) {
    for (const char* level : {"-O0", "-O3"}) {
      std::vector<std::string> full = {"run", "--engine", engine, level};
      full.insert(full.end(), args.begin(), args.end());
      expect_bfbench(full, want, stdin_data);
    }
  }
}

// What bfbench must say about `bytes` in `path`, worked out in process with naive -O0.
Expected reference_for(const std::string& path, const std::string& bytes) {
  const Source source(path, bytes);
  try {
    parse(source);
  } catch (const ParseError& error) {
    return {65, "", one_line(source.describe(error.byte) + ": " + error.message)};
  }
  const Outcome outcome = run_reference(bytes);
  if (outcome.result.ok()) return {0, outcome.output, ""};
  return {70, outcome.output, one_line(describe_failure(outcome.result, source, kDefaultTapeCells))};
}

TEST(BadInput, EmptyFileRunsAndPrintsNothing) {
  expect_on_every_engine({temp_file("empty.b", "")}, {0, "", ""});
}

TEST(BadInput, EveryByteValueIsACommentExceptTheEightCommands) {
  std::string bytes;
  for (int repeat = 0; repeat < 3; ++repeat) {
    for (int b = 0; b < 256; ++b) bytes += static_cast<char>(b);
  }
  // The commands among them, in order: "+,-.<>[]" three times. With no input and --eof keep,
  // each round adds 1, keeps it at ',', takes it away and prints the 0.
  expect_on_every_engine({temp_file("all_bytes.b", bytes)}, {0, std::string(3, '\0'), ""});
}

TEST(BadInput, RandomBinaryGarbageIsAParseErrorOrRunsLikeTheReference) {
  std::mt19937_64 random(20240611);
  std::string garbage(1 << 20, '\0');
  for (char& c : garbage) c = static_cast<char>(random() & 0xff);
  const std::string unbalanced = temp_file("garbage.bin", garbage);
  const Expected parse_error = reference_for(unbalanced, garbage);
  ASSERT_EQ(parse_error.exit_code, 65) << "a megabyte of random bytes balances its brackets?";
  expect_on_every_engine({unbalanced}, parse_error);

  // Without brackets the same bytes parse: moves, adds, I/O and most likely a trap.
  for (char& c : garbage) {
    if (c == '[' || c == ']') c = 'x';
  }
  const std::string loopless = temp_file("garbage_loopless.bin", garbage);
  expect_on_every_engine({loopless}, reference_for(loopless, garbage));
}

TEST(BadInput, HundredMegabytesOfCommentsAroundAProgram) {
  const std::string line = "This line is a comment: no command bytes at all; only words 0123456789\n";
  ASSERT_EQ(line.find_first_of("+-<>[].,"), std::string::npos);
  std::string text;
  text.reserve(100'000'100);
  while (text.size() < 50'000'000) text += line;
  text += "++++++++[>++++++<-]>.";  // '0'
  while (text.size() < 100'000'000) text += line;
  text += "+.";                     // '1'
  const std::string path = temp_file("comments.b", text);
  text = std::string();
  for (const std::string& engine : available_engines()) {
    expect_bfbench({"run", "--engine", engine, path}, {0, "01", ""});
  }
}

TEST(BadInput, AMillionNestedLoops) {
  constexpr size_t kDepth = 1'000'000;
  // Entered all the way down once: the innermost '-' clears cell 0 and every ']' falls through.
  std::string code = "+";
  code.append(kDepth, '[');
  code += '-';
  code.append(kDepth, ']');
  code += '.';
  const std::string entered = temp_file("nested.b", code);
  expect_on_every_engine({entered}, {0, std::string(1, '\0'), ""});
  // Never entered: cell 0 is 0 at the outermost '['.
  code.assign(kDepth, '[');
  code += "+.";
  code.append(kDepth, ']');
  code += '.';
  const std::string skipped = temp_file("nested_skipped.b", code);
  expect_on_every_engine({skipped}, {0, std::string(1, '\0'), ""});
  // Never closed: the innermost open bracket is named.
  const std::string open = temp_file("nested_open.b", std::string(kDepth, '['));
  expect_bfbench({"run", open}, {65, "", one_line(open + ":1:1000000 (byte 999999): unmatched '['")});
}

TEST(BadInput, UnmatchedBracketsAtTheStartAndTheEnd) {
  struct Case {
    const char* name;
    const char* code;
    const char* where;
  };
  for (const Case& c : {Case{"close_first.b", "]+++.", ":1:1 (byte 0): unmatched ']'"},
                        Case{"open_first.b", "[+++.", ":1:1 (byte 0): unmatched '['"},
                        Case{"close_last.b", "+++.]", ":1:5 (byte 4): unmatched ']'"},
                        Case{"open_last.b", "+++.\n[", ":2:1 (byte 5): unmatched '['"}}) {
    const std::string path = temp_file(c.name, c.code);
    expect_bfbench({"run", path}, {65, "", one_line(path + c.where)});
  }
}

TEST(BadInput, SourceOrMachineCodeOverMaxCodeSizeIsAClearError) {
  const std::string big = temp_file("big.b", std::string(5000, '+') + ".");
  expect_bfbench({"run", "--max-code-size", "4K", big},
                 {65, "", one_line(big + ": 5001 bytes of source exceed --max-code-size (4096)")});
  // 2000 separate adds and moves: far more than 4 KiB of code for every JIT.
  std::string spread;
  for (int i = 0; i < 2000; ++i) spread += "+>";
  const std::string many = temp_file("many.b", spread);
  for (const char* jit : {"handjit", "xbyak", "asmjit"}) {
    expect_bfbench({"run", "--engine", jit, "-O0", "--max-code-size", "4K", many},
                   {70, "", one_line(std::string(jit) + ": cannot compile: generated code would "
                                     "exceed the limit of 4096 bytes (--max-code-size)")});
  }
}

TEST(BadInput, TapeUnderflowAtCellZeroKeepsTheOutputBefore) {
  // An add, a scan's later test, a multiply's counter and a multiply's target fall off the left.
  expect_on_every_engine({"-e", "+.<-"},
                         {70, "\x01", "-e:1:4 (byte 3): tape underflow: '-' accesses cell -1, left of cell 0\n"});
  expect_on_every_engine({"-e", "+.>+<[<]"},
                         {70, "\x01", "-e:1:8 (byte 7): tape underflow: ']' accesses cell -1, left of cell 0\n"});
  expect_on_every_engine({"-e", "+.<[->+<]"},
                         {70, "\x01", "-e:1:4 (byte 3): tape underflow: '[' accesses cell -1, left of cell 0\n"});
  expect_on_every_engine({"-e", "+.[-<+>]"},
                         {70, "\x01", "-e:1:6 (byte 5): tape underflow: '+' accesses cell -1, left of cell 0\n"});
}

TEST(BadInput, TapeOverflowPastTheLastCellKeepsTheOutputBefore) {
  const std::string to_last(4095, '>');
  // The last cell itself is fine; the one after it is not.
  expect_on_every_engine({"--tape-size", "4096", "-e", to_last + "+.>+"},
                         {70, "\x01",
                          "-e:1:4099 (byte 4098): tape overflow: '+' accesses cell 4096, past the last "
                          "cell (4095)\n"});
  expect_on_every_engine({"--tape-size", "4096", "-e", to_last + "++.[->+<]"},
                         {70, "\x02",
                          "-e:1:4102 (byte 4101): tape overflow: '+' accesses cell 4096, past the last "
                          "cell (4095)\n"});
  expect_on_every_engine({"--tape-size", "4096", "-e", ".+[>+]"},
                         {70, std::string(1, '\0'),
                          "-e:1:5 (byte 4): tape overflow: '+' accesses cell 4096, past the last cell "
                          "(4095)\n"});
}

TEST(BadInput, RunawayLoopStopsAtTheStepLimit) {
  for (const char* code : {"+.[]", "+.[>+<]", "+.[[-]+]"}) {
    expect_on_every_engine({"--max-steps", "100000", "-e", code},
                           {70, "\x01", "-e: step limit reached (--max-steps)\n"});
  }
}

TEST(BadInput, RunawayLoopStopsAtTheTimeout) {
  for (const char* code : {"+.[]", "+.[>+<]"}) {
    for (const std::string& engine : available_engines()) {
      // cc's time limit also covers its C compile, which a loaded machine (two test processes
      // on two cores) can stretch past 0.2 s; the loop must then be what reaches it.
      const char* timeout = engine == "cc" ? "3" : "0.2";
      for (const char* level : {"-O0", "-O3"}) {
        expect_bfbench({"run", "--engine", engine, level, "--timeout", timeout, "-e", code},
                       {124, "\x01", "-e: time limit reached (--timeout)\n"});
      }
    }
  }
}

TEST(BadInput, EndOfInputUnderEachPolicy) {
  const std::string program = ",.,.,.";
  struct Case {
    const char* policy;
    std::string out;
  };
  for (const Case& c : {Case{"keep", "AAA"}, Case{"0", std::string("A\0\0", 3)},
                        Case{"255", "A\xff\xff"}}) {
    expect_on_every_engine({"--eof", c.policy, "-e", program}, {0, c.out, ""}, "A");
    const std::string input = temp_file("eof.in", "A");
    expect_bfbench({"run", "--eof", c.policy, "--input", input, "-e", program}, {0, c.out, ""});
    expect_bfbench({"run", "--eof", c.policy, "--input-text", "A", "-e", program}, {0, c.out, ""});
  }
  // Empty input from the start: keep leaves the cell as it was.
  expect_on_every_engine({"-e", "+++,."}, {0, "\x03", ""});
}

// /proc/self/mem opens for everyone (root included), but reading its first page fails with EIO:
// a file that exists and cannot be read, not one that is merely empty.
// /proc/self/mem opens but fails its first read (EIO at offset 0): the read error must surface.
TEST(BadInput, UnreadableProgramFileIsExit66) {
  expect_bfbench({"run", "/proc/self/mem"},
                 {66, "", "/proc/self/mem: cannot read: Input/output error\n"});
}

TEST(BadInput, MissingInputFileIsExit66) {
  expect_bfbench({"run", "--input", "/nonexistent/prog.in", "-e", ",."},
                 {66, "", "/nonexistent/prog.in: cannot read: No such file or directory\n"});
}

TEST(BadInput, PermissionDeniedIsExit66) {
  if (::geteuid() == 0) GTEST_SKIP() << "root reads files of any mode";
  const std::string path = temp_file("no_permission.b", "+.");
  ASSERT_EQ(::chmod(path.c_str(), 0), 0);
  expect_bfbench({"run", path}, {66, "", one_line(path + ": cannot read: Permission denied")});
}

TEST(BadInput, DirectoryGivenAsAFileIsExit66) {
  const std::string dir = ::testing::TempDir();
  expect_bfbench({"run", dir}, {66, "", one_line(dir + ": cannot read: is a directory")});
  expect_bfbench({"run", "--input", dir, "-e", ",."},
                 {66, "", one_line(dir + ": cannot read: Is a directory")});
}

TEST(BadInput, MissingFileIsExit66) {
  expect_bfbench({"run", "/nonexistent/prog.b"},
                 {66, "", "/nonexistent/prog.b: cannot read: No such file or directory\n"});
}

TEST(BadInput, BadFlagValuesAreExit64NamingTheValue) {
  struct Case {
    std::vector<std::string> args;
    std::string names;  // what the message must mention
  };
  const std::vector<Case> cases = {
      {{"--tape-size", "-4096"}, "'-4096'"},
      {{"--tape-size", "0"}, "'0'"},
      {{"--tape-size", "4T"}, "'4T'"},
      {{"--tape-size", "99999999999999999999999"}, "'99999999999999999999999'"},
      {{"--max-steps", "-1"}, "'-1'"},
      {{"--max-steps", "1.5"}, "'1.5'"},
      {{"--timeout", "-3"}, "'-3'"},
      {{"--timeout", "nan"}, "'nan'"},
      {{"--timeout", "inf"}, "'inf'"},
      {{"--engine", "nosuch"}, "'nosuch'"},
      {{"--engine", ""}, "''"},
      {{"-O9"}, "'9'"},
      {{"--level", "O9"}, "'O9'"},
      {{"--level=-1"}, "'-1'"},
      {{"--engine="}, "'--engine'"},
      {{"--eof", "1"}, "'1'"},
  };
  for (const Case& c : cases) {
    std::vector<std::string> args = {kBfbench, "run"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    args.insert(args.end(), {"-e", "+."});
    const ProcessResult r = run_process(args);
    SCOPED_TRACE(::testing::PrintToString(c.args));
    ASSERT_FALSE(r.timed_out);
    EXPECT_EQ(r.signal, 0);
    EXPECT_EQ(r.exit_code, 64);
    EXPECT_EQ(r.out, "");
    ASSERT_FALSE(r.err.empty());
    EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << r.err;
    EXPECT_NE(r.err.find(c.names), std::string::npos) << r.err;
  }
}

TEST(BadInput, ATapeTooLargeToMapIsAOneLineError) {
  // 100000 GiB cannot be mapped even without reserving swap: an error, not a crash.
  const ProcessResult r = run_process({kBfbench, "run", "--tape-size", "100000G", "-e", "+."});
  EXPECT_EQ(r.signal, 0);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_EQ(r.out, "");
  ASSERT_FALSE(r.err.empty());
  EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << r.err;
  EXPECT_NE(r.err.find("cannot map a tape"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace bf::testing
