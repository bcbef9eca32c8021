#include "cli/driver/selection.h"

#include <algorithm>
#include <filesystem>

#include "cli/cli_common.h"
#include "cli/exit_codes.h"
#include "cli/suggest.h"
#include "core/passes/pipeline.h"

namespace bf::driver {

namespace {

bool is_all(const std::vector<std::string>& names) { return names.size() == 1 && names[0] == "all"; }

void select_engines(const DriverOptions& options, const EngineRegistry& registry, Selection& out) {
  std::vector<const EngineInfo*> chosen;
  if (is_all(options.engines)) {
    for (const EngineInfo& info : registry.all()) chosen.push_back(&info);
  } else {
    for (const std::string& name : options.engines) {
      const EngineInfo* info = registry.find(name);
      if (info == nullptr) {
        throw cli::UsageError{"unknown engine '" + name + "'" +
                              cli::did_you_mean(name, cli::split_lists({registry.names()})) +
                              " (valid: all, " + registry.names() + ")"};
      }
      chosen.push_back(info);
    }
  }
  for (const EngineInfo* info : chosen) (info->available ? out.engines : out.skipped).push_back(info);
}

bool is_small(const CorpusEntry& entry) {
  std::error_code error;
  const auto bytes = std::filesystem::file_size(entry.program, error);
  return !error && bytes <= kQuickSourceBytes;
}

std::string program_names(const Corpus& corpus) {
  std::string names = "all";
  for (const CorpusEntry& entry : corpus.entries) names += ", " + entry.name;
  return names;
}

// Programs that end normally: trapping ones are conformance tests, not workloads.
void select_programs(const DriverOptions& options, const Corpus& corpus, Selection& out) {
  if (options.programs.empty()) {
    // The benchmark set, or under --quick the team's small programs: a smoke run of seconds. Big
    // sources are left out there because compile time grows with them (a C compiler takes
    // minutes over a deeply nested one).
    for (const CorpusEntry& entry : corpus.entries) {
      if (entry.expected_status != RunStatus::kOk) continue;
      const bool benchmark = entry.category == "benchmark";
      if (options.quick ? !benchmark && is_small(entry) : benchmark) out.programs.push_back(&entry);
    }
    if (out.programs.empty()) {
      throw cli::CommandError{
          exit_code::kCannotRead,
          "bfbench: the corpus has no programs in the \"benchmark\" category (run scripts/fetch-corpus, "
          "or name programs with --program; valid: " + program_names(corpus) + ")"};
    }
    return;
  }
  if (is_all(options.programs)) {
    for (const CorpusEntry& entry : corpus.entries) {
      if (entry.expected_status == RunStatus::kOk) out.programs.push_back(&entry);
    }
    if (out.programs.empty()) {
      throw cli::UsageError{"--program=all takes the programs that end normally, and the corpus has none "
                            "(name the ones that trap on purpose: " + program_names(corpus) + ")"};
    }
    return;
  }
  for (const std::string& name : options.programs) {
    const CorpusEntry* entry = corpus.find(name);
    if (entry == nullptr) {
      throw cli::UsageError{"unknown program '" + name + "'" +
                            cli::did_you_mean(name, cli::split_lists({program_names(corpus)})) +
                            " (valid: " + program_names(corpus) + ")"};
    }
    out.programs.push_back(entry);
  }
}

void select_levels(const DriverOptions& options, Selection& out) {
  if (is_all(options.levels)) {
    for (int level = 0; level <= kMaxLevel; ++level) out.levels.push_back(level);
    return;
  }
  for (const std::string& name : options.levels) {
    const int level = cli::parse_level(name);
    if (std::find(out.levels.begin(), out.levels.end(), level) == out.levels.end()) {
      out.levels.push_back(level);
    }
  }
}

}  // namespace

Selection select(const DriverOptions& options, const EngineRegistry& registry, const Corpus& corpus) {
  Selection selection;
  select_engines(options, registry, selection);
  select_programs(options, corpus, selection);
  select_levels(options, selection);
  return selection;
}

}  // namespace bf::driver
