// Differential test: thousands of random IR programs on every JIT against the naive engine --
// same output bytes, same status, same trap source byte and cell. Run with a step limit (the
// programs need not end); those that end within it run again without step counting, the code the
// benchmarks measure.
#include <gtest/gtest.h>

#include <string>

#include "tests/jit/jit_engines.h"
#include "tests/jit/random_ir.h"

namespace bf::testing {
namespace {

constexpr uint64_t kPrograms = 3000;
constexpr uint64_t kStepLimit = 20000;

class JitRandomIr : public JitTest {};

TEST_P(JitRandomIr, AgreesWithNaive) {
  const EngineInfo& naive = engine_named("naive");
  uint64_t traps = 0;
  uint64_t finished = 0;
  for (uint64_t seed = 1; seed <= kPrograms; ++seed) {
    const RandomIr random = random_ir(seed);
    RunSetup setup;
    setup.input = random.input;
    setup.eof = random.eof;
    setup.tape_cells = random.tape_cells;
    setup.max_steps = kStepLimit;
    const Outcome want = run_on(naive, random.program, setup);
    const Outcome got = run_on(jit(), random.program, setup);
    SCOPED_TRACE("seed " + std::to_string(seed));
    expect_same_outcome(got, want);
    if (HasFailure()) break;  // one seed's report is enough to debug
    if (want.result.status == RunStatus::kStepLimit) continue;
    traps += want.result.ok() ? 0 : 1;
    finished += want.result.ok() ? 1 : 0;
    setup.max_steps = 0;
    expect_same_outcome(run_on(jit(), random.program, setup), want);
    if (HasFailure()) break;  // one seed's report is enough to debug
  }
  // The generator is meant to reach both ends; if it stops doing so this test loses its teeth.
  EXPECT_GT(traps, kPrograms / 10);
  EXPECT_GT(finished, kPrograms / 10);
}

BF_INSTANTIATE_JIT_TEST(JitRandomIr);

}  // namespace
}  // namespace bf::testing
