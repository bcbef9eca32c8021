// The fuzzer's oracle on thousands of seeded generator programs, deterministic and in the normal
// suite: every available engine at every level, with and without step counting, against naive -O0.
// Seeds, sizes and step limits differ from tests/optimizer's differential test: programs are
// longer and nest deeper, a quarter run under tiny step limits (so each engine must stop at exactly
// the loop test naive stops at), and they pass through the fuzz input layout as the fuzzer's do.
#include <gtest/gtest.h>

#include "tests/reliability/differential_oracle.h"
#include "tests/reliability/engine_selection.h"
#include "tests/reliability/fuzz_case.h"
#include "tests/support/random_program.h"
#include "tests/support/test_corpus.h"

namespace bf::testing {
namespace {

constexpr uint64_t kFirstSeed = 1'000'000;  // tests/optimizer uses 0..3999
constexpr uint64_t kPrograms = 3000;
constexpr int kShards = 4;
constexpr uint64_t kStepLimit = 100000;  // a generous one; tiny ones come from the seed
// The slow compilers (cc: ~0.1 s a compile, up to 8 compiles a case) take one case in this many,
// picked by the case's hash as under the fuzzer: ~30 cases, about half a minute of compiling.
constexpr uint64_t kSlowEngineSample = 100;

FuzzCase case_for_seed(uint64_t seed) {
  RandomProgramOptions options;
  options.pieces = 40;
  options.max_depth = 4;
  options.far_trip_per_mille = 5;
  const RandomProgram program = random_program(seed, options);
  FuzzCase wanted;
  wanted.code = program.code;
  wanted.raw_code = program.code;
  wanted.input = program.input;
  wanted.eof = program.eof;
  wanted.tape_cells = program.tape_cells;
  wanted.max_steps = seed % 4 == 0 ? 1 + seed / 4 % 128 : kStepLimit;
  return wanted;
}

class GeneratedPrograms : public ::testing::TestWithParam<int> {};

TEST_P(GeneratedPrograms, EveryEngineAndLevelAgreesWithNaiveO0) {
  static const EngineSelection engines = select_engines();
  for (const std::string& missing : engines.unavailable) {
    if (running_in_ci()) ADD_FAILURE() << "engine unavailable under CI: " << missing;
  }
  for (uint64_t seed = kFirstSeed + static_cast<uint64_t>(GetParam());
       seed < kFirstSeed + kPrograms; seed += kShards) {
    const FuzzCase wanted = case_for_seed(seed);
    const std::string bytes = encode_fuzz_case(wanted);
    const std::span<const uint8_t> data(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
    const FuzzCase decoded = decode_fuzz_case(data);
    ASSERT_EQ(decoded.code, wanted.code) << "seed " << seed << ": the generator's brackets balance";
    ASSERT_EQ(decoded.input, wanted.input) << "seed " << seed;
    const std::string problem =
        check_fuzz_case(decoded, engines.for_case(case_hash(data), kSlowEngineSample));
    ASSERT_EQ(problem, "") << "seed " << seed;
  }
}

INSTANTIATE_TEST_SUITE_P(Shards, GeneratedPrograms, ::testing::Range(0, kShards),
                         [](const ::testing::TestParamInfo<int>& info) {
                           return "shard" + std::to_string(info.param);
                         });

}  // namespace
}  // namespace bf::testing
