// Differential: thousands of random IR programs (every op kind, traps on a small tape, runaway
// loops) give the same output bytes, status, trap src and cell on the threaded and naive engines.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "tests/support/engine_runner.h"
#include "tests/support/random_ir.h"
#include "tests/support/same_as_naive.h"

namespace bf::testing {
namespace {

constexpr int kPrograms = 3000;

// Shapes the optimizer emits (multiply groups ending in their counter's clear, scans of short
// strides) and ops reaching one page away, so that a one-page tape traps at both ends.
RandomIrOptions threaded_programs() {
  return {
      .mix = {.add = 22, .set = 10, .move = 14, .out = 6, .in = 4, .loop = 14, .scan = 10,
              .multiply = 20},
      .min_pieces = 15, .max_pieces = 30, .max_body_pieces = 8,
      .start_moves = {{.percent = 30, .low = 1, .high = 8},
                      {.percent = 20, .low = 2048, .high = 2048}},
      .near_offset = 4, .far_offset_percent = 4, .far_offset = 4099,
      .near_move = 3, .far_move_percent = 5,
      .add_range = 3, .small_set_percent = 25,
      .scan_strides = {{1, 1}, {-1, -1}, {1, 1}, {-1, -1}, {2, 2}, {-2, -2}, {3, 3}, {-4, -4}},
      .counter_offset = 3, .big_factor_percent = 17, .small_factor = 2, .clear_percent = 65,
      .end_move_percent = 50, .end_move = 2,
      .max_input = 5, .tape_cells = {4096},
  };
}

TEST(ThreadedRandomIr, EveryProgramRunsAsOnTheNaiveEngine) {
  const RandomIrOptions options = threaded_programs();
  const EngineInfo& threaded = engine_named("threaded");
  std::map<RunStatus, int> seen;
  for (int n = 0; n < kPrograms; ++n) {
    const RandomIr random = random_ir(20240601 + static_cast<uint64_t>(n), options);
    SCOPED_TRACE("program " + std::to_string(n));
    const Outcome limited = expect_same_as_naive_within_steps(
        threaded, random.program,
        {.input = random.input, .eof = random.eof, .tape_cells = random.tape_cells,
         .max_steps = 2000});
    ++seen[limited.result.status];
    if (HasFailure()) break;  // one program's dump is enough to debug
  }
  // The generator must exercise every ending, or this test proves little.
  EXPECT_GT(seen[RunStatus::kOk], kPrograms / 20);
  EXPECT_GT(seen[RunStatus::kTapeUnderflow], kPrograms / 20);
  EXPECT_GT(seen[RunStatus::kTapeOverflow], kPrograms / 50);
  EXPECT_GT(seen[RunStatus::kStepLimit], kPrograms / 200);
}

}  // namespace
}  // namespace bf::testing
