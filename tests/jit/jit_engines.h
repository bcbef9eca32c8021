// The JIT engines the JIT suites cover, by name: their suites are EngineTests instantiated over
// these names, so a JIT is tested as soon as it is registered (and fails under CI=true when
// missing).
#pragma once

#include <string>
#include <vector>

#include "tests/support/engine_test.h"

namespace bf::testing {

inline const std::vector<std::string>& jit_engine_names() {
  static const std::vector<std::string> names{"handjit", "xbyak", "asmjit"};
  return names;
}

}  // namespace bf::testing

#define BF_INSTANTIATE_JIT_TEST(suite) \
  BF_INSTANTIATE_ENGINE_TEST(Jits, suite, ::bf::testing::jit_engine_names())
