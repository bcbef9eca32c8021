// The reference interpreter: the meaning of the IR as one plain switch loop, every tape access
// bounds-checked. The naive engine runs it over the whole program (the oracle every engine is
// checked against); the cc engine's checked path runs it from wherever generated code hands over.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "core/op.h"
#include "core/runtime/run_result.h"
#include "core/runtime/run_state.h"
#include "core/runtime/tape.h"

namespace bf {

// With `count_steps`, every executed loop test takes one step of state.budget (RunState explains
// the budget); without it the loop has no such check at all. An access off the tape ends the run
// with tape_trap() for that command.

// Runs the whole program from cell 0 (the naive engine).
RunResult interpret(const std::vector<Op>& ops, Tape& tape, RunState& state, bool count_steps);

// Where a partial run ended: how (kOk when it ran through the last op it was given), and the tape
// position at that moment.
struct InterpreterEnd {
  RunResult result;
  int64_t p = 0;
};

// Runs ops [first, last) from tape position `p` on `cells`. A loop's ends jump by op index, so a
// run may start mid-program, even mid-loop (the cc engine's checked path).
InterpreterEnd interpret(const std::vector<Op>& ops, size_t first, size_t last, int64_t p,
                         std::span<uint8_t> cells, RunState& state, bool count_steps);

// A counting run (`bfbench explore`'s heat map): how often each op was executed, counted in an
// instantiation of its own so the plain interpreter stays as it is. Counts steps like
// interpret(..., count_steps = true), so a step or time limit in `state` ends it too.
struct Profile {
  RunResult result;
  std::vector<uint64_t> counts;  // counts[i]: executions of ops[i] (a scan counts once per entry)
};
Profile profile(const std::vector<Op>& ops, Tape& tape, RunState& state);

}  // namespace bf
