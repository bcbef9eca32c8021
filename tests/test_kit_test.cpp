// The test kit itself: require_engine() fails under CI=true instead of skipping, the random IR
// generator is deterministic and verified, and numbered programs name every op apart.
#include <gtest/gtest.h>
#include <gtest/gtest-spi.h>

#include <cstdlib>
#include <set>
#include <string>

#include "core/ir_printer.h"
#include "tests/support/engine_test.h"
#include "tests/support/ir_builder.h"
#include "tests/support/random_ir.h"

namespace bf::testing {
namespace {

void require_a_missing_engine_under_ci() {
  ::setenv("CI", "true", 1);
  const EngineInfo* engine = require_engine("no-such-engine");
  ::unsetenv("CI");
  EXPECT_EQ(engine, nullptr);
}

TEST(RequireEngine, FailsUnderCiWhenTheEngineIsMissing) {
  const char* ci = std::getenv("CI");
  const std::string saved = ci != nullptr ? ci : "";
  EXPECT_FATAL_FAILURE(require_a_missing_engine_under_ci(), "no-such-engine is not registered");
  if (ci != nullptr) ::setenv("CI", saved.c_str(), 1);
}

TEST(RequireEngine, ReturnsARegisteredEngine) {
  const EngineInfo* naive = require_engine("naive");
  ASSERT_NE(naive, nullptr);
  EXPECT_EQ(naive->name, "naive");
  std::string why;
  EXPECT_EQ(usable_engine("no-such-engine", why), nullptr);
  EXPECT_EQ(why, "no-such-engine is not registered in this build");
}

TEST(EnginesUnderTest, AreEveryRegisteredEngineButTheReference) {
  const std::vector<std::string>& names = engines_under_test();
  EXPECT_EQ(std::set<std::string>(names.begin(), names.end()),
            (std::set<std::string>{"threaded", "handjit", "xbyak", "asmjit", "cc"}));
}

TEST(IrBuilder, NumberedProgramsNameEveryOpAndBracketApart) {
  const Program p = ir::numbered_program({ir::add(1), ir::begin(), ir::scan(1), ir::end()});
  EXPECT_EQ(p.ops[2].src, ir::numbered_src(2));
  EXPECT_EQ(p.ops[2].src2, 22u);
  EXPECT_EQ(p.ops[1].arg, 3);  // linked
  EXPECT_THROW(ir::program({ir::end()}), std::invalid_argument);
}

TEST(RandomIr, TheSameSeedGivesTheSameVerifiedProgram) {
  RandomIrOptions options;
  options.mix = {.add = 1, .set = 1, .move = 1, .out = 1, .in = 1, .loop = 1, .scan = 1,
                 .multiply = 1, .add_then_loop = 1, .fixed_nest = 1, .walk_loop = 1,
                 .known_values = 1};
  options.guard_trip_percent = 10;
  options.far_offset_percent = 10;
  options.fixed_loop_percent = 50;
  std::set<std::string> distinct;
  for (uint64_t seed = 0; seed < 200; ++seed) {
    const RandomIr a = random_ir(seed, options);
    const RandomIr b = random_ir(seed, options);
    ASSERT_EQ(verify(a.program), "") << "seed " << seed;
    ASSERT_EQ(print_ir(a.program), print_ir(b.program)) << "seed " << seed;
    ASSERT_EQ(a.input, b.input);
    distinct.insert(print_ir(a.program));
  }
  EXPECT_GT(distinct.size(), 190u);  // and different seeds give different programs
}

}  // namespace
}  // namespace bf::testing
