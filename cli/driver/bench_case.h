// BenchProgram and BenchCase: a corpus program ready to benchmark, and one (engine, program,
// level) with what preparing it produced -- the compiled code the run/ benchmark times.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "cli/corpus.h"
#include "cli/driver/bench_name.h"
#include "cli/driver/output_check.h"
#include "core/engine_registry.h"
#include "core/program.h"
#include "core/runtime/tape.h"
#include "core/source.h"

namespace bf::driver {

struct OptimizedProgram {
  Program program;
  double seconds = 0;  // parse + optimize, measured once while preparing
};

struct BenchProgram {
  BenchProgram(const CorpusEntry& entry, Source source, std::string input)
      : entry(entry), source(std::move(source)), input(std::move(input)), check(entry) {}

  const CorpusEntry& entry;
  Source source;
  std::string input;
  OutputCheck check;
  std::map<int, OptimizedProgram> levels;  // filled while preparing
  // Executed loop tests per level: the same on every engine, so whichever pilot finishes first
  // counts them for all.
  std::map<int, uint64_t> loop_tests;

  uint64_t tape_cells() const { return entry.tape_cells.value_or(kDefaultTapeCells); }
};

struct BenchCase {
  const EngineInfo* engine = nullptr;
  BenchProgram* program = nullptr;
  int level = 0;
  bool want_run = false;      // run/... matches the filter
  bool want_compile = false;  // compile/... matches the filter

  // Filled while preparing.
  std::unique_ptr<Engine> engine_instance;
  std::unique_ptr<Executable> executable;
  size_t ops = 0;
  size_t code_bytes = 0;
  double compile_seconds = 0;          // parse + optimize + compile, once
  std::optional<double> pilot_seconds;  // nullopt: no pilot, or it hit the limit
  std::string compile_failure;          // non-empty: both benchmarks fail with it
  std::string run_failure;              // non-empty: the run benchmark fails with it
  size_t output_bytes = 0;

  BenchName name(Phase phase) const {
    return BenchName{phase, engine->name, program->entry.name, level};
  }
  // "wrong result from engine naive on hanoi at O2: <problem>"
  std::string failure_message(const std::string& what, const std::string& problem) const {
    return what + " from engine " + engine->name + " on " + program->entry.name + " at " +
           level_name(level) + ": " + problem;
  }
};

}  // namespace bf::driver
