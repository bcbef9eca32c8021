// Random IR on the cc engine and the naive one: the same output, status, trap command and cell,
// with a step budget (both count the same loop tests) and, for programs that end within it,
// without one (the benchmark's code, which never looks at the budget).
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "engines/cc/cc_engine.h"
#include "tests/support/random_ir.h"
#include "tests/support/require_engine.h"
#include "tests/support/same_as_naive.h"

namespace bf::testing {
namespace {

constexpr int kShards = 4;
constexpr uint64_t kProgramsPerShard = 12;
constexpr uint64_t kMaxSteps = 5000;

// What the C translation tells apart: fixed loops (their moves cancel, nested) and moving ones,
// scans of several strides, multiplies with far and off-tape targets, walks to both tape ends
// (a third of the programs start next to the right end of a one-page tape).
RandomIrOptions cc_programs() {
  return {
      .mix = {.add = 18, .set = 10, .move = 14, .out = 8, .in = 3, .loop = 30, .scan = 6,
              .multiply = 11},
      .min_pieces = 6, .max_pieces = 15, .max_body_pieces = 5,
      .start_moves = {{.percent = 30, .low = 4056, .high = 4095}},
      .near_offset = 4, .wide_offset_percent = 15, .wide_offset = 50,
      .near_move = 4, .wide_move_percent = 5, .wide_move = 300,
      .add_range = 3, .odd_adds = true, .small_set_percent = 50, .set_low = 0, .set_high = 255,
      .scan_strides = {{-3, 3}},
      .max_targets = 1, .counter_at_p_percent = 10, .counter_offset = 4, .small_factor = 3,
      .clear_percent = 0,
      .counter_first_percent = 70, .fixed_loop_percent = 60, .end_move_percent = 80,
      .end_move = 4,
      .tape_cells = {4096},
  };
}

// Runs this shard's programs on `cc` and naive.
void expect_shard_matches_naive(const EngineInfo& cc, int shard) {
  const RandomIrOptions options = cc_programs();
  int ended = 0;
  for (uint64_t n = 0; n < kProgramsPerShard; ++n) {
    const uint64_t seed = n * kShards + static_cast<uint64_t>(shard);
    const RandomIr random = random_ir(seed, options);
    SCOPED_TRACE(::testing::Message() << "seed " << seed);
    for (const char* input : {"", "abc"}) {
      const Outcome want = expect_same_as_naive_within_steps(
          cc, random.program,
          {.input = input, .eof = EofPolicy::kZero, .tape_cells = random.tape_cells,
           .max_steps = kMaxSteps});
      ASSERT_FALSE(::testing::Test::HasFailure());
      if (want.result.status != RunStatus::kStepLimit) ++ended;
    }
  }
  // A generator whose programs all loop forever would test only the step counter.
  EXPECT_GT(ended, 0);
}

class CcRandomIr : public ::testing::TestWithParam<int> {};

TEST_P(CcRandomIr, MatchesNaive) {
  BF_REQUIRE_ENGINE(cc, "cc");
  expect_shard_matches_naive(cc, GetParam());
}

// The same programs cut into functions of at most 3 ops, so that every call, every region ending
// at a cut and every hand-over after a call returns p off the tape is exercised.
TEST_P(CcRandomIr, MatchesNaiveInShortFunctions) {
  BF_REQUIRE_ENGINE(cc, "cc");  // skips (or fails under CI=true) without a C compiler
  (void)cc;
  std::string why_not;
  const std::optional<cc::CCompiler> compiler = cc::find_c_compiler(why_not);
  ASSERT_TRUE(compiler) << why_not;
  const EngineInfo short_functions{"cc", "cc, 3 ops per function", true, "",
                                   [&] { return cc::make_engine(*compiler, 3); }};
  expect_shard_matches_naive(short_functions, GetParam());
}

INSTANTIATE_TEST_SUITE_P(Shards, CcRandomIr, ::testing::Range(0, kShards));

}  // namespace
}  // namespace bf::testing
