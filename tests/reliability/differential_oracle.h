// The differential oracle the fuzzer and the seeded tests share: one case, every given engine at
// every level, against the naive engine at O0.
#pragma once

#include <span>
#include <string>

#include "core/engine_registry.h"
#include "tests/reliability/fuzz_case.h"

namespace bf::testing {

// Returns "" when all agree, else one paragraph naming the first disagreement (engine, level, step
// counting on or off, both outcomes) and the case. What must agree:
//  - The parser: the raw text parses exactly when its brackets balance, and a ParseError is the
//    only way it refuses.
//  - The optimizer: verify() holds after every pass at every level.
//  - When naive -O0 ends within the step limit (finishes or traps): every engine at every level,
//    with and without step counting, gives the same output, status, trap command and trap cell.
//  - When naive -O0 hits the step limit: at each level every engine, counting steps, gives exactly
//    what naive gives at that level (one IR, one budget: the same loop test runs out), and naive
//    -O0's output is a prefix of that level's (a level never needs more steps to get as far).
// Never throws for a disagreement; a CompileError is reported as one.
std::string check_fuzz_case(const FuzzCase& fuzz_case, std::span<const EngineInfo* const> engines);

}  // namespace bf::testing
