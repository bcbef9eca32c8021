// Selection: the engines, programs and levels a benchmark run covers, resolved from their names.
#pragma once

#include <cstdint>
#include <vector>

#include "cli/corpus.h"
#include "cli/driver/options.h"
#include "core/engine_registry.h"

namespace bf::driver {

// --quick's default programs: the team's programs with at most this much source.
inline constexpr uintmax_t kQuickSourceBytes = 8 * 1024;

struct Selection {
  std::vector<const EngineInfo*> engines;  // selected and available
  std::vector<const EngineInfo*> skipped;  // selected but not in this build (listed with the reason)
  std::vector<const CorpusEntry*> programs;
  std::vector<int> levels;
};

// Unknown names are cli::UsageError listing the valid ones; an empty default program set (the
// third-party corpus not fetched) is a cli::CommandError saying how to get it.
Selection select(const DriverOptions& options, const EngineRegistry& registry, const Corpus& corpus);

}  // namespace bf::driver
