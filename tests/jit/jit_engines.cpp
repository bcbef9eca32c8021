#include "tests/jit/jit_engines.h"

#include "engines/builtin_engines.h"

namespace bf::testing {

const EngineInfo* usable_jit(const std::string& name, std::string& why) {
  const EngineInfo* info = builtin_engines().find(name);
  if (info == nullptr) {
    why = name + " is not registered in this build";
    return nullptr;
  }
  if (!info->available) {
    why = name + " unavailable: " + info->unavailable_reason;
    return nullptr;
  }
  return info;
}

void JitTest::SetUp() {
  std::string why;
  jit_ = usable_jit(GetParam(), why);
  if (jit_ == nullptr) GTEST_SKIP() << why;
}

void JitTest::expect_same_as_naive(const Program& program, const RunSetup& setup) {
  const Outcome want = run_on(engine_named("naive"), program, setup);
  const Outcome got = run_on(jit(), program, setup);
  expect_same_outcome(got, want);
}

std::string jit_test_name(const ::testing::TestParamInfo<std::string>& info) { return info.param; }

void expect_same_outcome(const Outcome& got, const Outcome& want) {
  EXPECT_EQ(status_name(got.result.status), status_name(want.result.status));
  EXPECT_EQ(got.result.src, want.result.src) << "trap names a different source byte";
  EXPECT_EQ(got.result.cell, want.result.cell) << "trap names a different cell";
  EXPECT_EQ(got.output.size(), want.output.size());
  EXPECT_TRUE(got.output == want.output) << "output bytes differ";
}

}  // namespace bf::testing
