// The EngineTest fixture and the list of engines the cross-engine suites cover.
#include "tests/support/engine_test.h"

#include "engines/builtin_engines.h"

namespace bf::testing {

const std::vector<std::string>& engines_under_test() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> result;
    for (const EngineInfo& info : builtin_engines().all()) {
      if (info.name != "naive") result.push_back(info.name);
    }
    return result;
  }();
  return names;
}

void EngineTest::SetUp() { engine_ = require_engine(GetParam()); }

std::string engine_test_name(const ::testing::TestParamInfo<std::string>& info) {
  return info.param;
}

}  // namespace bf::testing
