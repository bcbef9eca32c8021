// Every engine at every optimization level produces byte-identical output, and the same trap, as
// the corpus manifest records for every corpus program.
#include <gtest/gtest.h>

#include <string>
#include <tuple>
#include <vector>

#include "cli/sha256.h"
#include "core/parser.h"
#include "core/passes/pipeline.h"
#include "engines/builtin_engines.h"
#include "tests/support/engine_runner.h"
#include "tests/support/require_engine.h"
#include "tests/support/same_as_naive.h"
#include "tests/support/test_corpus.h"

namespace bf::testing {
namespace {

struct Case {
  std::string engine;
  int level;
  std::string program;
};

// Shown by gtest instead of the raw bytes of the parameter.
void PrintTo(const Case& c, std::ostream* os) { *os << c.engine << " O" << c.level << " " << c.program; }

std::vector<Case> all_cases() {
  std::vector<std::string> programs;
  for (const CorpusEntry& entry : test_corpus().entries) {
    // The team's programs; of the third-party ones, the benchmark set below. The "extended" ones
    // (awib, Zozotez, ...) take minutes on the slow engines: the driver measures them on request.
    if (entry.category != "benchmark" && entry.category != "extended") programs.push_back(entry.name);
  }
  for (const std::string& name : third_party_program_names()) programs.push_back(name);
  std::vector<Case> cases;
  for (const EngineInfo& engine : builtin_engines().all()) {
    for (int level = 0; level <= kMaxLevel; ++level) {
      for (const std::string& program : programs) cases.push_back({engine.name, level, program});
    }
  }
  return cases;
}

class Conformance : public ::testing::TestWithParam<Case> {};

TEST_P(Conformance, OutputAndStatusMatchTheManifest) {
  const Case& c = GetParam();
  BF_REQUIRE_ENGINE(engine, c.engine);
  const CorpusEntry* entry = test_corpus().find(c.program);
  if (entry == nullptr) {
    std::string why;
    third_party_available(why);
    if (running_in_ci()) FAIL() << c.program << ": " << why << " (required under CI=true)";
    GTEST_SKIP() << c.program << ": " << why;
  }
  RunSetup setup;
  setup.input = entry->read_input();
  setup.eof = entry->eof;
  if (entry->tape_cells) setup.tape_cells = *entry->tape_cells;
  const Program program =
      optimize(parse(Source(entry->program.string(), entry->read_program())), c.level, {}, true);
  const Outcome outcome = run_on(engine, program, setup);

  EXPECT_EQ(outcome.result.status, entry->expected_status)
      << status_name(outcome.result.status) << " instead of " << status_name(entry->expected_status);
  if (entry->expected_status != RunStatus::kOk) {
    EXPECT_EQ(outcome.result.src, entry->expected_trap_byte) << "trap names the wrong command";
  }
  if (sha256_hex(outcome.output) != entry->expected_sha256) {
    std::string detail = "output hash differs from the manifest";
    if (entry->expected) {
      detail += ": " + first_difference(outcome.output, entry->read_expected());
    }
    ADD_FAILURE() << detail;
  }
}

INSTANTIATE_TEST_SUITE_P(Corpus, Conformance, ::testing::ValuesIn(all_cases()),
                         [](const ::testing::TestParamInfo<Case>& info) {
                           return info.param.engine + "_O" + std::to_string(info.param.level) +
                                  "_" + info.param.program;
                         });

}  // namespace
}  // namespace bf::testing
