// Differential: thousands of random IR programs (every op kind, traps on a small tape, runaway
// loops) give the same output bytes, status, trap src and cell on the threaded and naive engines.
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>

#include "core/ir_printer.h"
#include "tests/threaded/ir_builder.h"
#include "tests/threaded/random_ir.h"

namespace bf::testing {
namespace {

constexpr int kPrograms = 3000;

std::string random_input(std::mt19937_64& rng) {
  std::string input(rng() % 6, '\0');
  for (char& c : input) c = static_cast<char>(rng() % 256);
  return input;
}

TEST(ThreadedRandomIr, EveryProgramRunsAsOnTheNaiveEngine) {
  std::mt19937_64 rng(20240601);
  std::map<RunStatus, int> seen;
  for (int n = 0; n < kPrograms; ++n) {
    const Program program = random_ir(rng);
    const EofPolicy eofs[] = {EofPolicy::kKeep, EofPolicy::kZero, EofPolicy::kMax};
    RunSetup setup{.input = random_input(rng), .eof = eofs[rng() % 3], .tape_cells = 4096,
                   .max_steps = 2000};
    SCOPED_TRACE("program " + std::to_string(n) + ":\n" + print_ir(program));
    const Outcome limited = ir::run_both(program, setup);
    ++seen[limited.result.status];
    if (limited.result.status != RunStatus::kStepLimit) {
      // It ends on its own: the variant compiled without step counting must agree too.
      setup.max_steps = 0;
      ir::run_both(program, setup);
    }
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
