// Runs a program on an engine in memory and returns what it wrote and how it ended.
#pragma once

#include <cstdint>
#include <string>

#include "core/engine_registry.h"
#include "core/program.h"

namespace bf::testing {

struct Outcome {
  std::string output;
  RunResult result;
};

struct RunSetup {
  std::string input{};
  EofPolicy eof = EofPolicy::kKeep;
  uint64_t tape_cells = kDefaultTapeCells;
  uint64_t max_steps = 0;  // 0: no limit (and compiled without step counting)
};

// Compiles `program` (already optimized) with the engine and runs it on a fresh tape.
Outcome run_on(const EngineInfo& engine, const Program& program, const RunSetup& setup = {});

// Parses `code`, optimizes it to `level`, and runs it on the engine.
Outcome run_code(const EngineInfo& engine, const std::string& code, int level,
                 const RunSetup& setup = {});

// The naive engine at O0: the reference every other engine is compared with.
Outcome run_reference(const std::string& code, const RunSetup& setup = {});

const EngineInfo& engine_named(const std::string& name);

// Runs an executable already compiled (to count steps if setup.max_steps > 0) on a fresh tape:
// for tests that run one compilation many times.
Outcome run_executable(Executable& executable, const RunSetup& setup = {});

}  // namespace bf::testing
