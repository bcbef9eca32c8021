// The checked path of generated code: the rest of the program (or one loop), run on the reference
// interpreter (core/reference_interpreter.h), so a run that leaves the tape traps exactly where the
// naive engine's does.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/op.h"
#include "core/runtime/run_result.h"
#include "core/runtime/run_state.h"
#include "engines/cc/cc_abi.h"

namespace bf::cc {

// What the checked path needs of one run; generated code passes it back as an opaque pointer.
struct CheckedContext {
  const std::vector<Op>& ops;
  std::span<uint8_t> cells;
  RunState& state;
  bool count_steps;
  RunResult stop{};  // why the run stopped, when a function below said it did
};

// Match CheckedFunction and LoopFunction (cc_abi.h). Output goes through RunState, as in
// generated code.
extern "C" int bf_cc_run_checked(void* context, uint32_t first, int64_t p);
extern "C" int64_t bf_cc_run_loop(void* context, uint32_t begin, int64_t p);

}  // namespace bf::cc
