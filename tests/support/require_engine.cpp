// require_engine(): look an engine up, and skip or fail the test when it is missing.
#include "tests/support/require_engine.h"

#include <gtest/gtest.h>

#include "engines/builtin_engines.h"
#include "tests/support/test_corpus.h"

namespace bf::testing {

const EngineInfo* usable_engine(const std::string& name, std::string& why) {
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

const EngineInfo* require_engine(const std::string& name) {
  std::string why;
  const EngineInfo* info = usable_engine(name, why);
  if (info != nullptr) return info;
  // GTEST_SKIP and FAIL return from the function they are written in: hence the lambdas.
  if (running_in_ci()) {
    [&] { FAIL() << why << " (required under CI=true)"; }();
  } else {
    [&] { GTEST_SKIP() << why; }();
  }
  return nullptr;
}

}  // namespace bf::testing
