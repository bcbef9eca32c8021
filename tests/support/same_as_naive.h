// The differential check every engine suite makes: a program run on an engine and on the naive
// engine (the reference) with the same setup ends the same way and writes the same bytes.
#pragma once

#include <ostream>
#include <string>

#include "core/engine_registry.h"
#include "core/program.h"
#include "tests/support/engine_runner.h"

namespace bf {
// So that gtest prints "tape underflow at byte 4 cell -1" for a RunResult that differs.
void PrintTo(const RunResult& result, std::ostream* os);
}  // namespace bf

namespace bf::testing {

// "tape overflow at byte 7 cell 4096", "ok", "step limit", ...
std::string describe(const RunResult& result);
// The same, then ", 3 output bytes".
std::string describe(const Outcome& outcome);

// "" when equal, else where two outputs first differ and how long each is.
std::string first_difference(const std::string& got, const std::string& want);

// Expects equal results (status, trap source byte, trap cell) and equal output bytes; `context`
// (which engine, which program) prefixes the failure messages.
void expect_same_outcome(const Outcome& got, const Outcome& want, const std::string& context = "");

// Runs `program` on `engine` and on the naive engine with the same setup, expects the same
// outcome (a failure lists the program), and returns the engine's outcome for further checks.
Outcome expect_same_as_naive(const EngineInfo& engine, const Program& program,
                             const RunSetup& setup = {});

// For programs that need not end: runs `program` on both engines compiled to count steps, within
// setup.max_steps (> 0), and expects the same outcome; when naive ends within that budget, runs
// the engine's code compiled without step counting (the code benchmarks run) without a budget and
// expects the same again. Returns naive's outcome within the budget.
Outcome expect_same_as_naive_within_steps(const EngineInfo& engine, const Program& program,
                                          const RunSetup& setup);

}  // namespace bf::testing
