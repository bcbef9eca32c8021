// Differential test: thousands of random IR programs on every JIT against the naive engine --
// same output bytes, same status, same trap source byte and cell. Run with a step limit (the
// programs need not end); those that end within it run again without step counting, the code the
// benchmarks measure.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <span>
#include <string>

#include "core/runtime/tape.h"
#include "tests/jit/jit_engines.h"
#include "tests/support/random_ir.h"

namespace bf::testing {
namespace {

constexpr uint64_t kPrograms = 3000;
constexpr uint64_t kStepLimit = 20000;

// Shapes the optimizer may never produce, on tapes mostly one page long so that traps of every
// kind happen: offsets as far as an op may reach, moves beyond the guard region, scans of any
// stride, MulAdd groups with offset counters, and the shapes the JITs compile specially (flags
// reused by a loop test, fixed nests in registers, peeled walks, cells of known value, runs of
// dead writes behind a range check).
RandomIrOptions jit_programs() {
  const int32_t beyond_guard = static_cast<int32_t>(Tape::guard_bytes()) + 7;
  return {
      .mix = {.add = 20, .set = 10, .move = 25, .out = 7, .in = 3, .loop = 20, .scan = 10,
              .multiply = 20, .add_then_loop = 10, .fixed_nest = 5, .walk_loop = 6,
              .known_values = 4, .dead_writes = 6},
      .min_pieces = 4, .max_pieces = 23, .max_body_pieces = 6,
      .start_moves = {{.percent = 100, .low = 0, .high = 63}},
      .near_offset = 6, .wide_offset_percent = 10, .wide_offset = 300,
      .far_offset_percent = 4, .far_offset = kMaxOffset,
      .near_move = 4, .guard_trip_percent = 3, .wide_move_percent = 38, .wide_move = 20,
      .add_range = 300, .small_set_percent = 0, .set_low = -10, .set_high = 300,
      .scan_strides = {{1, 1}, {-1, -1}, {-9, 9}, {-3000, 3000}, {beyond_guard, beyond_guard},
                       {-5000, -5000}},
      .counter_offset = 5, .unit_factor_percent = 30, .big_factor_percent = 100,
      .clear_percent = 70,
      .counter_last_percent = 60,  // a counter, so that many loops end
      .tape_cells = {4096, 4096, 4096, 4096, 8192, kDefaultTapeCells},
  };
}

class JitRandomIr : public EngineTest {};

TEST_P(JitRandomIr, AgreesWithNaive) {
  const RandomIrOptions options = jit_programs();
  uint64_t traps = 0;
  uint64_t finished = 0;
  for (uint64_t seed = 1; seed <= kPrograms; ++seed) {
    const RandomIr random = random_ir(seed, options);
    SCOPED_TRACE("seed " + std::to_string(seed));
    const Outcome want = expect_same_as_naive_within_steps(
        engine(), random.program,
        {.input = random.input, .eof = random.eof, .tape_cells = random.tape_cells,
         .max_steps = kStepLimit});
    if (HasFailure()) break;  // one seed's report is enough to debug
    if (want.result.status == RunStatus::kStepLimit) continue;
    traps += want.result.ok() ? 0 : 1;
    finished += want.result.ok() ? 1 : 0;
  }
  // The generator is meant to reach both ends; if it stops doing so this test loses its teeth.
  EXPECT_GT(traps, kPrograms / 10);
  EXPECT_GT(finished, kPrograms / 10);
}

// compile_owned (bfbench run) releases the ops as lowering passes them, all but the fixed
// regions' that get a plain copy: on programs long enough for many releases, with every shape
// above, the code is compile()'s byte for byte.
TEST_P(JitRandomIr, CompilingAProgramItOwnsGivesTheSameCode) {
  RandomIrOptions options = jit_programs();
  options.min_pieces = options.max_pieces = 6000;
  for (const uint64_t seed : {1, 2, 3}) {
    const Program program = random_ir(seed, options).program;
    ASSERT_GT(program.ops.size(), 30000u) << "too short to release pages while lowering";
    for (const bool count_steps : {false, true}) {
      const std::unique_ptr<Engine> jit = engine().make();
      const std::unique_ptr<Executable> kept = jit->compile(program, {.count_steps = count_steps});
      const std::unique_ptr<Executable> owned =
          jit->compile_owned(Program(program), {.count_steps = count_steps});
      const std::span<const uint8_t> want = kept->machine_code()->bytes;
      const std::span<const uint8_t> got = owned->machine_code()->bytes;
      ASSERT_EQ(got.size(), want.size()) << "seed " << seed;
      EXPECT_TRUE(std::equal(got.begin(), got.end(), want.begin())) << "seed " << seed;
    }
  }
}

BF_INSTANTIATE_JIT_TEST(JitRandomIr);

}  // namespace
}  // namespace bf::testing
