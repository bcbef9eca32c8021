// Random IR on the cc engine and the naive one: the same output, status, trap command and cell,
// with a step budget (both count the same loop tests) and, for programs that end within it,
// without one (the benchmark's code, which never looks at the budget).
#include <gtest/gtest.h>

#include "core/ir_printer.h"
#include "tests/cc/cc_test_support.h"
#include "tests/cc/random_ir.h"

namespace bf::testing {
namespace {

constexpr int kShards = 4;
constexpr uint64_t kProgramsPerShard = 12;
constexpr uint64_t kMaxSteps = 5000;

class CcRandomIr : public ::testing::TestWithParam<int> {};

TEST_P(CcRandomIr, MatchesNaive) {
  BF_REQUIRE_CC(cc);
  const std::unique_ptr<Engine> naive = engine_named("naive").make();
  const std::unique_ptr<Engine> compiler = cc.make();
  int ended = 0;
  for (uint64_t n = 0; n < kProgramsPerShard; ++n) {
    const uint64_t seed = n * kShards + static_cast<uint64_t>(GetParam());
    const Program program = random_ir(seed);
    SCOPED_TRACE(::testing::Message() << "seed " << seed << ", IR:\n" << print_ir(program));
    const std::unique_ptr<Executable> naive_counted =
        naive->compile(program, {.count_steps = true});
    const std::unique_ptr<Executable> cc_counted =
        compiler->compile(program, {.count_steps = true});
    const std::unique_ptr<Executable> cc_plain = compiler->compile(program, {});
    for (const char* input : {"", "abc"}) {
      const CcSetup setup{.input = input, .eof = EofPolicy::kZero, .max_steps = kMaxSteps};
      const CcRun want = run_executable(*naive_counted, setup);
      const CcRun got = run_executable(*cc_counted, setup);
      ASSERT_EQ(got.output, want.output) << describe(got) << " vs naive " << describe(want);
      ASSERT_EQ(got.result, want.result) << describe(got) << " vs naive " << describe(want);
      if (want.result.status != RunStatus::kStepLimit) {
        ++ended;
        CcSetup unlimited = setup;
        unlimited.max_steps = 0;
        const CcRun plain = run_executable(*cc_plain, unlimited);
        ASSERT_EQ(plain.output, want.output) << "uncounted: " << describe(plain);
        ASSERT_EQ(plain.result, want.result) << "uncounted: " << describe(plain);
      }
    }
  }
  // A generator whose programs all loop forever would test only the step counter.
  EXPECT_GT(ended, 0);
}

INSTANTIATE_TEST_SUITE_P(Shards, CcRandomIr, ::testing::Range(0, kShards));

}  // namespace
}  // namespace bf::testing
