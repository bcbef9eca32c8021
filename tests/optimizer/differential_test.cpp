// Thousands of seeded random programs, on every registered engine at every level, against the
// naive engine at O0: the same output bytes, status, trap command and trap cell.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "core/ir_printer.h"
#include "core/parser.h"
#include "core/passes/pipeline.h"
#include "engines/builtin_engines.h"
#include "tests/support/engine_runner.h"
#include "tests/support/require_engine.h"
#include "tests/support/same_as_naive.h"
#include "tests/support/random_program.h"
#include "tests/support/test_corpus.h"

namespace bf::testing {
namespace {

constexpr uint64_t kPrograms = 4000;
// Engines that compile through an external tool (cc: ~0.1 s a program) get a smaller sample, so
// the suite stays within a couple of minutes; the sample still covers every idiom.
constexpr uint64_t kSlowEnginePrograms = 32;
constexpr auto kSlowCompile = std::chrono::milliseconds(20);
constexpr int kShards = 4;                   // per engine, so ctest -j spreads the work
constexpr uint64_t kMaxSteps = 100000;       // loop tests; O0 runs past it are skipped

struct Case {
  std::string engine;
  int shard;
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.engine << " shard " << c.shard; }

std::vector<Case> all_cases() {
  std::vector<Case> cases;
  for (const EngineInfo& engine : builtin_engines().all()) {
    for (int shard = 0; shard < kShards; ++shard) cases.push_back({engine.name, shard});
  }
  return cases;
}

// How many programs an engine gets: all of them unless compiling a small program is slow.
uint64_t programs_for(const EngineInfo& engine) {
  const Program sample = parse(Source("sample.b", "++[->+++<]>[>]<."));
  const std::unique_ptr<Engine> compiler = engine.make();
  std::vector<std::chrono::steady_clock::duration> times;
  for (int i = 0; i < 3; ++i) {
    const auto start = std::chrono::steady_clock::now();
    compiler->compile(sample, CompileOptions{});
    times.push_back(std::chrono::steady_clock::now() - start);
  }
  std::sort(times.begin(), times.end());
  return times[1] > kSlowCompile ? kSlowEnginePrograms : kPrograms;
}

class RandomPrograms : public ::testing::TestWithParam<Case> {};

TEST_P(RandomPrograms, MatchNaiveAtO0OnEveryLevel) {
  const Case& c = GetParam();
  BF_REQUIRE_ENGINE(engine, c.engine);
  const uint64_t programs = programs_for(engine);
  int compared = 0;
  for (uint64_t seed = static_cast<uint64_t>(c.shard); seed < programs; seed += kShards) {
    const RandomProgram random = random_program(seed);
    RunSetup setup;
    setup.input = random.input;
    setup.eof = random.eof;
    setup.tape_cells = random.tape_cells;
    setup.max_steps = kMaxSteps;
    const Program o0 = parse(Source("random.b", random.code));
    const Outcome want = run_on(engine_named("naive"), o0, setup);
    if (want.result.status == RunStatus::kStepLimit) continue;
    ++compared;
    for (int level = 0; level <= kMaxLevel; ++level) {
      const Program program = optimize(o0, level, {}, /*check=*/true);
      // Odd seeds run without step counting (the benchmark code path): an optimized program never
      // needs more steps than O0, so it ends too.
      RunSetup run_setup = setup;
      if (seed % 2 == 1) run_setup.max_steps = 0;
      const Outcome got = run_on(engine, program, run_setup);
      const bool same = got.output == want.output && got.result == want.result;
      if (!same) {
        ADD_FAILURE() << c.engine << " -O" << level << ", seed " << seed << ": got "
                      << describe(got) << ", naive -O0 gave " << describe(want)
                      << (got.output == want.output ? "" : " (outputs differ)") << "\nprogram: "
                      << (random.code.size() < 4000 ? random.code : "(long; regenerate the seed)")
                      << "\nIR:\n" << (program.ops.size() < 400 ? print_ir(program) : "(long)");
        return;  // one failure per shard is enough to act on
      }
    }
  }
  // At least half the programs must end within the limit, or the test compares little.
  EXPECT_GE(compared, static_cast<int>(programs / kShards / 2));
}

// The sample reaches the rarer rewrites, or the comparisons above would not test them: the
// affine-loops pass's products (random_program's product_loop) among the first programs.
TEST(RandomProgramSample, ReachesProducts) {
  int with_product = 0;
  for (uint64_t seed = 0; seed < 400; ++seed) {
    const Program program = optimize(parse(Source("random.b", random_program(seed).code)), 3);
    with_product += std::any_of(program.ops.begin(), program.ops.end(),
                                [](const Op& op) { return op.kind == OpKind::kProduct; });
  }
  EXPECT_GE(with_product, 10);  // 27 when written
}

INSTANTIATE_TEST_SUITE_P(Engines, RandomPrograms, ::testing::ValuesIn(all_cases()),
                         [](const ::testing::TestParamInfo<Case>& info) {
                           return info.param.engine + "_shard" + std::to_string(info.param.shard);
                         });

}  // namespace
}  // namespace bf::testing
