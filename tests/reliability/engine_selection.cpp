// Picks the engines for differential checks and times their compilers once.
#include "tests/reliability/engine_selection.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <sstream>

#include "core/parser.h"
#include "engines/builtin_engines.h"

namespace bf::testing {

namespace {

bool compiles_slowly(const EngineInfo& engine) {
  const Program sample = parse(Source("sample.b", "++[->+++<]>[>]<."));
  const std::unique_ptr<Engine> compiler = engine.make();
  std::vector<double> seconds;
  for (int i = 0; i < 3; ++i) {
    const auto start = std::chrono::steady_clock::now();
    compiler->compile(sample, CompileOptions{});
    seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(seconds.begin(), seconds.end());
  return seconds[1] > kSlowCompileSeconds;
}

std::vector<std::string> names_from_environment() {
  std::vector<std::string> names;
  const char* text = std::getenv("BFBENCH_FUZZ_ENGINES");
  if (text == nullptr) return names;
  std::istringstream list(text);
  for (std::string name; std::getline(list, name, ',');) {
    if (!name.empty()) names.push_back(name);
  }
  return names;
}

}  // namespace

std::span<const EngineInfo* const> EngineSelection::for_case(uint64_t hash, uint64_t every) const {
  return hash % every == 0 ? std::span<const EngineInfo* const>(all)
                                      : std::span<const EngineInfo* const>(fast);
}

EngineSelection select_engines() {
  const std::vector<std::string> chosen = names_from_environment();
  EngineSelection selection;
  for (const EngineInfo& engine : builtin_engines().all()) {
    if (!chosen.empty() && std::find(chosen.begin(), chosen.end(), engine.name) == chosen.end()) {
      continue;
    }
    if (!engine.available) {
      selection.unavailable.push_back(engine.name + ": " + engine.unavailable_reason);
      continue;
    }
    selection.all.push_back(&engine);
    if (!chosen.empty() || !compiles_slowly(engine)) selection.fast.push_back(&engine);
  }
  return selection;
}

uint64_t case_hash(std::span<const uint8_t> bytes) {
  uint64_t hash = 0xcbf29ce484222325ull;
  for (const uint8_t byte : bytes) {
    hash ^= byte;
    hash *= 0x100000001b3ull;
  }
  return hash;
}

}  // namespace bf::testing
