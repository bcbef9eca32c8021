// The dispatch loop: runs a linked instruction stream by direct threading (GCC computed goto).
#pragma once

#include <array>

#include "core/runtime/run_result.h"
#include "core/runtime/run_state.h"
#include "core/runtime/tape.h"
#include "engines/threaded/instruction.h"

namespace bf::threaded {

// Handler -> the address of its label in one variant of the dispatch loop.
using HandlerTable = std::array<const void*, kHandlerCount>;

// The labels of the variant that counts loop tests against RunState::budget (kCountSteps) or not.
// A stream linked against one variant must only be run by that variant.
template <bool kCountSteps>
HandlerTable handler_table();

// Runs `code` (ending in kHalt) from cell 0; `sources` runs parallel to it (slot for slot) and
// names the command of a trap. Never throws; traps and limits are in the result.
template <bool kCountSteps>
RunResult execute(const Inst* code, const Sources* sources, Tape& tape, RunState& state);

}  // namespace bf::threaded
