// The JIT engines these suites cover, by name, and a fixture that skips those this build lacks:
// a JIT written later (xbyak, asmjit) is tested as soon as it is registered.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/engine_registry.h"
#include "core/program.h"
#include "tests/support/engine_runner.h"

namespace bf::testing {

inline const std::vector<std::string>& jit_engine_names() {
  static const std::vector<std::string> names{"handjit", "xbyak", "asmjit"};
  return names;
}

// The registered engine of that name, or nullptr with `why` set (not registered / unavailable).
const EngineInfo* usable_jit(const std::string& name, std::string& why);

// Parameterized over jit_engine_names(); SetUp() skips engines this build cannot run.
class JitTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override;
  const EngineInfo& jit() const { return *jit_; }

  // Runs `program` on this JIT and on the naive engine with the same setup and expects identical
  // output and result (status, src, cell).
  void expect_same_as_naive(const Program& program, const RunSetup& setup = {});

 private:
  const EngineInfo* jit_ = nullptr;
};

std::string jit_test_name(const ::testing::TestParamInfo<std::string>& info);

#define BF_INSTANTIATE_JIT_TEST(suite) \
  INSTANTIATE_TEST_SUITE_P(Jits, suite, ::testing::ValuesIn(jit_engine_names()), jit_test_name)

// Outcomes compared field by field, for readable failures.
void expect_same_outcome(const Outcome& got, const Outcome& want);

}  // namespace bf::testing
