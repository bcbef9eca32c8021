// net-writes on random straight runs near both tape ends: the rewritten program prints the same
// cells and traps at the same command and cell as the run it replaces, on the naive engine.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "core/ir_printer.h"
#include "core/passes/net_writes.h"
#include "tests/support/engine_runner.h"
#include "tests/support/ir_builder.h"

namespace bf::testing {
namespace {

using namespace ir;

constexpr uint64_t kCells = 4096;
constexpr int32_t kReach = 3;  // runs touch p-3..p+3

// Appends a run of `length` random adds, sets and muladds on p-3..p+3.
void append_run(std::mt19937_64& random, int length, uint32_t& src, std::vector<Op>& ops) {
  std::uniform_int_distribution<int32_t> cell(-kReach, kReach);
  std::uniform_int_distribution<int32_t> byte(0, 255);
  std::uniform_int_distribution<int> percent(0, 99);
  for (; length > 0; --length) {
    const int kind = percent(random);
    const int32_t target = cell(random);
    if (kind < 30) {
      ops.push_back(add(byte(random) - 128, target, src++));
    } else if (kind < 50) {
      ops.push_back(set(percent(random) < 60 ? 0 : byte(random), target, src++));
    } else {
      int32_t from = cell(random);
      if (from == target) from = target == kReach ? -kReach : target + 1;
      const int32_t factor = percent(random) < 70 ? 1 : byte(random) - 128;
      ops.push_back(mul_add(factor, target, from, src, src + 1));
      src += 2;
    }
  }
}

// p starts near either end (or in the middle); a few ops put some cells on the tape (or not),
// then a run of adds, sets and muladds -- alone, or as the body of a loop that keeps p (whose
// cells known before it stay known) or of one that moves p (whose cells do not), then another
// run -- then every cell of the window is printed.
Program random_run(std::mt19937_64& random) {
  std::uniform_int_distribution<int32_t> cell(-kReach, kReach);
  std::uniform_int_distribution<int32_t> byte(0, 255);
  std::uniform_int_distribution<int> percent(0, 99);
  std::vector<Op> ops;
  uint32_t src = 1;
  const int32_t starts[] = {1, 2, 3, kCells / 2, kCells - 3, kCells - 2, kCells - 1};
  const int32_t start = starts[std::uniform_int_distribution<size_t>(0, 6)(random)];
  ops.push_back(move(start, src++));
  ops.push_back(in(0, src++));  // cell[p] is on the tape from here, as after a loop test
  for (int touches = percent(random) % 7; touches > 0; --touches) {
    ops.push_back(percent(random) < 50 ? set(byte(random), cell(random), src++)
                                       : add(byte(random) - 128, cell(random), src++));
  }
  const int shape = percent(random);
  if (shape >= 40) ops.push_back(begin(src++));
  append_run(random, 2 + percent(random) % 8, src, ops);
  if (shape >= 70) ops.push_back(move(percent(random) < 50 ? 1 : -1, src++));
  if (shape >= 40) {
    ops.push_back(percent(random) < 50 ? set(0, 0, src) : add(-1, 0, src));
    ops.push_back(end(src++));
    append_run(random, 2 + percent(random) % 6, src, ops);  // what is known after the loop
  }
  for (int32_t offset = -kReach; offset <= kReach; ++offset) ops.push_back(out(offset, src++));
  return program(ops);
}

TEST(NetWrites, RandomRunsNearTheTapeEndsBehaveAsBefore) {
  std::mt19937_64 random(20261203);
  const EngineInfo& naive = engine_named("naive");
  int rewritten = 0;
  int trapped = 0;
  constexpr int kRuns = 20000;
  for (int n = 0; n < kRuns; ++n) {
    const Program before = random_run(random);
    const Program after = passes::net_writes(before);
    ASSERT_EQ(verify(after), "");
    SCOPED_TRACE("run " + std::to_string(n) + "\n" + print_ir(before) + "->\n" + print_ir(after));
    rewritten += after != before;
    // A zero input skips the loop, if there is one.
    const RunSetup setup{.input = std::string(1, static_cast<char>(n % 3 == 0 ? 0 : n)),
                         .tape_cells = kCells,
                         .max_steps = 600};
    const Outcome want = run_on(naive, before, setup);
    const Outcome got = run_on(naive, after, setup);
    trapped += want.result.status == RunStatus::kTapeOverflow ||
               want.result.status == RunStatus::kTapeUnderflow;
    EXPECT_EQ(got.output, want.output);
    EXPECT_EQ(got.result, want.result);
    if (HasFailure()) break;
  }
  // The generator must give the pass work and reach the tape's ends, or this proves little.
  EXPECT_GT(rewritten, kRuns / 5);
  EXPECT_GT(trapped, kRuns / 10);
}

}  // namespace
}  // namespace bf::testing
