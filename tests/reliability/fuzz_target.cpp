// libFuzzer entry point: a fuzz input becomes a case (fuzz_case.h) that every available engine at
// every level must run exactly as naive -O0 does; any disagreement aborts, which saves the input.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <span>
#include <string>

#include "tests/reliability/differential_oracle.h"
#include "tests/reliability/engine_selection.h"
#include "tests/reliability/fuzz_case.h"

namespace {

const bf::testing::EngineSelection& engines() {
  static const bf::testing::EngineSelection selection = [] {
    bf::testing::EngineSelection chosen = bf::testing::select_engines();
    std::string names;
    for (const bf::EngineInfo* engine : chosen.all) {
      const bool sampled = std::find(chosen.fast.begin(), chosen.fast.end(), engine) == chosen.fast.end();
      names += " " + engine->name + (sampled ? " (one case in " +
                                                   std::to_string(bf::testing::kSlowEngineEvery) + ")"
                                             : "");
    }
    std::fprintf(stderr, "fuzz_differential: engines:%s\n", names.c_str());
    for (const std::string& missing : chosen.unavailable) {
      std::fprintf(stderr, "fuzz_differential: not covered: %s\n", missing.c_str());
    }
    return chosen;
  }();
  return selection;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  engines();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::span<const uint8_t> bytes(data, size);
  const bf::testing::FuzzCase fuzz_case = bf::testing::decode_fuzz_case(bytes);
  const std::string problem =
      bf::testing::check_fuzz_case(fuzz_case, engines().for_case(bf::testing::case_hash(bytes)));
  if (!problem.empty()) {
    std::fprintf(stderr, "fuzz_differential: engines disagree: %s\n", problem.c_str());
    std::abort();  // libFuzzer saves the input as crash-<sha1>
  }
  return 0;
}
