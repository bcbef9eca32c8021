// bfbench run --engine threaded: traps and limits reach the user exactly as from the naive engine
// (same exit code, same one-line message, same output so far) at every optimization level.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/support/process.h"

namespace bf::testing {
namespace {

const std::string kBfbench = BFBENCH_BINARY;
const std::string kCorpus = std::string(BFBENCH_SOURCE_DIR) + "/corpus/";

ProcessResult bfbench_run(const std::string& engine, std::vector<std::string> args) {
  args.insert(args.begin(), {kBfbench, "run", "--engine", engine});
  return run_process(args);
}

void expect_same_as_naive(const std::vector<std::string>& args, int expected_exit) {
  const ProcessResult naive = bfbench_run("naive", args);
  const ProcessResult threaded = bfbench_run("threaded", args);
  EXPECT_EQ(naive.exit_code, expected_exit) << naive.err;
  EXPECT_EQ(threaded.exit_code, naive.exit_code) << threaded.err;
  EXPECT_EQ(threaded.err, naive.err);
  EXPECT_EQ(threaded.out, naive.out);
}

TEST(ThreadedCli, TapeTrapsNameTheSameCommandAtEveryLevel) {
  for (const char* level : {"-O0", "-O1", "-O2", "-O3"}) {
    SCOPED_TRACE(level);
    expect_same_as_naive({level, kCorpus + "trap_left.b"}, 70);
    expect_same_as_naive({level, "--tape-size", "4096", kCorpus + "trap_right.b"}, 70);
    expect_same_as_naive({level, "--tape-size", "4096", kCorpus + "past_last_cell.b"}, 70);
    expect_same_as_naive({level, "--tape-size", "4096", "-e", "+[>+]"}, 70);
    expect_same_as_naive({level, "-e", "+[<+]"}, 70);
  }
}

TEST(ThreadedCli, StepLimitIsExit70WithTheOutputSoFar) {
  expect_same_as_naive({"--max-steps", "10000", "-e", "+.[]"}, 70);
  expect_same_as_naive({"-O3", "--max-steps", "50", "-e", "+++++[>++++++++++<-]>[.-]"}, 70);
}

TEST(ThreadedCli, TimeLimitIsExit124) {
  const ProcessResult r = bfbench_run("threaded", {"--timeout", "0.2", "-e", "+.[]"});
  EXPECT_EQ(r.exit_code, 124) << r.err;
  EXPECT_EQ(r.out, "\x01");
  EXPECT_EQ(r.err, bfbench_run("naive", {"--timeout", "0.2", "-e", "+.[]"}).err);
}

}  // namespace
}  // namespace bf::testing
