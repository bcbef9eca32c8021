// A fixture parametrized over engine names: SetUp() requires the engine (skip locally, fail under
// CI=true), and run() checks a program against the naive engine. An engine registered later is
// tested as soon as it is in the list its suite is instantiated with.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/engine_registry.h"
#include "core/program.h"
#include "tests/support/engine_runner.h"
#include "tests/support/require_engine.h"
#include "tests/support/same_as_naive.h"

namespace bf::testing {

// A one-page tape: traps at either end are easy to reach.
inline constexpr int32_t kSmallTape = 4096;
inline RunSetup small_tape(std::string input = "") {
  return RunSetup{.input = std::move(input), .tape_cells = kSmallTape};
}

// Every registered engine but naive, the reference the others are compared with.
const std::vector<std::string>& engines_under_test();

class EngineTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override;
  const EngineInfo& engine() const { return *engine_; }

  // expect_same_as_naive() on this engine: returns its outcome for further expectations.
  Outcome run(const Program& program, const RunSetup& setup = {}) const {
    return expect_same_as_naive(engine(), program, setup);
  }

 private:
  const EngineInfo* engine_ = nullptr;
};

// The test name's last part is the engine: "Engines/EngineOps.EmptyProgramFinishes/cc".
std::string engine_test_name(const ::testing::TestParamInfo<std::string>& info);

}  // namespace bf::testing

// Instantiates `suite` (an EngineTest) once per engine in `names` under the prefix `prefix`.
#define BF_INSTANTIATE_ENGINE_TEST(prefix, suite, names)                      \
  INSTANTIATE_TEST_SUITE_P(prefix, suite, ::testing::ValuesIn(names), \
                           ::bf::testing::engine_test_name)
