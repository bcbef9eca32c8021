// External engines end to end: small engines made here (a script around a tiny interpreter, one
// that prints a wrong byte, one that crashes, one that hangs) run as process/ENGINE/PROGRAM, each
// with the verdict it earns, and nothing they started is left running.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <thread>

#include "tests/driver/report_json.h"
#include "tests/driver/tiny_corpus.h"
#include "tests/support/process.h"

namespace bf::testing {
namespace {

namespace fs = std::filesystem;

// A whole Brainf*ck interpreter, 8-bit cells, EOF leaves the cell alone.
const char* kTinyInterpreter = R"(#!/usr/bin/python3
import sys
code = [c for c in open(sys.argv[1]).read() if c in "+-<>[],."]
jump, stack = {}, []
for i, c in enumerate(code):
    if c == "[": stack.append(i)
    elif c == "]": j = stack.pop(); jump[i], jump[j] = j, i
tape, p, i, data, out = [0] * 65536, 0, 0, sys.stdin.buffer.read(), bytearray()
while i < len(code):
    c = code[i]
    if c == "+": tape[p] = (tape[p] + 1) % 256
    elif c == "-": tape[p] = (tape[p] - 1) % 256
    elif c == ">": p += 1
    elif c == "<": p -= 1
    elif c == ".": out.append(tape[p])
    elif c == ",":
        if data: tape[p], data = data[0], data[1:]
    elif c == "[" and tape[p] == 0: i = jump[i]
    elif c == "]" and tape[p] != 0: i = jump[i]
    i += 1
sys.stdout.buffer.write(out)
)";

void write_script(const fs::path& path, const std::string& text) {
  std::ofstream(path) << text;
  fs::permissions(path, fs::perms::owner_all);
}

// The engines: good (the interpreter), wrong (its output with b turned into c), crash (SIGSEGV),
// hang (writes its pid and its child's, then waits for ever), wide (good, declared 16-bit).
fs::path write_engines(const std::string& name) {
  const fs::path dir = fs::path(::testing::TempDir()) / ("engines_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  write_script(dir / "tiny.py", kTinyInterpreter);
  write_script(dir / "wrong.sh", "#!/bin/sh\n\"$(dirname \"$0\")/tiny.py\" \"$1\" | tr b c\n");
  write_script(dir / "crash.sh", "#!/bin/sh\necho 'boom: no more' >&2\nkill -SEGV $$\n");
  write_script(dir / "hang.sh",
               "#!/bin/sh\nsleep 300 &\necho $$ $! > \"$(dirname \"$0\")/hang.pids\"\nwait\n");
  std::ofstream(dir / "engines.tsv")
      << "# made by external_engine_test\n"
         "name\tcells\teof\ttape\tcommand\n"
         "good\t8\tkeep\t-\t{here}/tiny.py {prog}\n"
         "wrong\t8\tkeep\t-\t{here}/wrong.sh {prog}\n"
         "crash\t8\tkeep\t-\t{here}/crash.sh {prog}\n"
         "hang\t8\tkeep\t-\t{here}/hang.sh {prog}\n"
         "wide\t16\tkeep\t-\t{here}/tiny.py {prog}\n";
  return dir;
}

ProcessResult bfbench(const fs::path& engines, std::vector<std::string> args) {
  const std::string corpus = write_tiny_corpus("external", tiny_programs());
  args.insert(args.begin(), {BFBENCH_BINARY, "--corpus", corpus, "--program=letters", "--engines-file",
                             (engines / "engines.tsv").string()});
  return run_process(args, "", std::chrono::seconds(120));
}

// Gone, or a zombie waiting for its new parent to reap it, within a few seconds.
bool ends_soon(pid_t pid) {
  for (int tries = 0; tries < 500; ++tries) {
    if (::kill(pid, 0) != 0 && errno == ESRCH) return true;
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string skip_pid, skip_name, state;
    if (stat >> skip_pid >> skip_name >> state && state == "Z") return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

const ReportEntry* first(const Report& report, const std::string& name) {
  const auto entries = report.named(name);
  return entries.empty() ? nullptr : entries.front();
}

TEST(ExternalEngine, ARightOutputIsTimedAsAProcessWithItsPeakMemory) {
  const fs::path dir = write_engines("good");
  const std::string json = (dir / "out.json").string();
  const ProcessResult r = bfbench(dir, {"--engine=ext:good", "--out", json});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Report report = read_report(json);
  const auto runs = report.named("process/good/letters");
  ASSERT_EQ(runs.size(), 5u);  // five repetitions of one run each (kMediumRepetitions)
  EXPECT_FALSE(runs.front()->error) << runs.front()->error_message;
  EXPECT_GT(runs.front()->real_time, 0);
  EXPECT_GT(runs.front()->counters.at("peak_rss_kib"), 100);  // a Python process: megabytes
  EXPECT_EQ(runs.front()->counters.at("output_bytes"), 3);
  EXPECT_NE(report.context.at("external:good").find("8-bit cells, EOF keep"), std::string::npos);
  EXPECT_NE(r.out.find("Process time per program"), std::string::npos) << r.out;
}

TEST(ExternalEngine, WrongOutputCrashAndTimeoutEachFailTheirBenchmarkAndSaySo) {
  const fs::path dir = write_engines("bad");
  const std::string json = (dir / "out.json").string();
  const ProcessResult r = bfbench(dir, {"--engine=ext:wrong,ext:crash,ext:hang",
                                        "--process-timeout=2", "--out", json});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  const Report report = read_report(json);
  const ReportEntry* wrong = first(report, "process/wrong/letters");
  const ReportEntry* crash = first(report, "process/crash/letters");
  const ReportEntry* hang = first(report, "process/hang/letters");
  ASSERT_TRUE(wrong && crash && hang) << r.out;
  EXPECT_EQ(wrong->error_message.rfind("wrong from wrong on letters: output is 3 bytes", 0), 0u)
      << wrong->error_message;
  EXPECT_EQ(crash->error_message.rfind("crash from crash on letters: signal 11", 0), 0u)
      << crash->error_message;
  EXPECT_NE(crash->error_message.find("; stderr: boom: no more"), std::string::npos)
      << crash->error_message;
  EXPECT_EQ(hang->error_message, "timeout from hang on letters: timed out after 2 s");
  for (const char* verdict : {"wrong (see below)", "crash (see below)", "timeout (see below)"}) {
    EXPECT_NE(r.out.find(verdict), std::string::npos) << r.out;
  }

  // The hanging script and the sleep it started went with its process group.
  std::ifstream pids(dir / "hang.pids");
  pid_t script = 0, child = 0;
  ASSERT_TRUE(pids >> script >> child);
  for (const pid_t pid : {script, child}) EXPECT_TRUE(ends_soon(pid)) << "pid " << pid << " still runs";
}

TEST(ExternalEngine, AProgramTheEngineCannotRunIsSkippedWithTheReason) {
  const fs::path dir = write_engines("wide");
  const ProcessResult r = bfbench(dir, {"--engine=ext:wide", "--quick"});
  EXPECT_EQ(r.exit_code, 64) << r.err;  // nothing left to run
  EXPECT_NE(r.err.find("skipping process/wide/letters: the expected output assumes 8-bit cells; "
                       "wide has 16-bit cells"),
            std::string::npos)
      << r.err;
}

TEST(ExternalEngine, BuiltInEnginesAreTimedAsBfbenchRunChildrenBesideTheExternalOnes) {
  const fs::path dir = write_engines("beside");
  const std::string json = (dir / "out.json").string();
  const ProcessResult r = bfbench(dir, {"--engine=naive,ext:good,ext:wide", "--level=O1", "--process",
                                        "--quick", "--benchmark_filter=^process/", "--out", json});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Report report = read_report(json);
  const ReportEntry* ours = first(report, "process/naive/letters/O1");
  const ReportEntry* theirs = first(report, "process/good/letters");
  ASSERT_TRUE(ours && theirs) << r.out;
  EXPECT_FALSE(ours->error) << ours->error_message;
  EXPECT_FALSE(theirs->error) << theirs->error_message;
  EXPECT_NE(r.err.find("skipping process/wide/letters"), std::string::npos) << r.err;
}

TEST(ExternalEngine, AnUnknownNameListsTheEnginesOfTheFile) {
  const fs::path dir = write_engines("unknown");
  const ProcessResult r = bfbench(dir, {"--engine=ext:nope"});
  EXPECT_EQ(r.exit_code, 64);
  EXPECT_NE(r.err.find("unknown external engine 'ext:nope'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("ext:good, ext:wrong"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace bf::testing
