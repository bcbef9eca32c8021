// The engine a test needs, by name: the test skips when this build lacks it, and fails under
// CI=true, where a missing engine is a broken machine, not a choice.
#pragma once

#include <string>

#include "core/engine_registry.h"

namespace bf::testing {

// The registered, available engine of that name, or nullptr with `why` saying what is missing.
const EngineInfo* usable_engine(const std::string& name, std::string& why);

// The engine, or nullptr after marking the running test skipped (failed, fatally, under
// CI=true). The caller returns at once on nullptr; BF_REQUIRE_ENGINE does that for it.
const EngineInfo* require_engine(const std::string& name);

}  // namespace bf::testing

// Declares `const EngineInfo& var`, the engine called `name`, or returns from the test (void
// function) after require_engine() has skipped or failed it.
#define BF_REQUIRE_ENGINE(var, name)                                                 \
  const ::bf::EngineInfo* const var##_if_usable = ::bf::testing::require_engine(name); \
  if (var##_if_usable == nullptr) return;                                            \
  const ::bf::EngineInfo& var = *var##_if_usable
