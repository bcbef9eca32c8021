// The contract between the C that the cc engine generates and the engine that loads it: the entry
// point's signature, its return codes and the environment it receives. The C prelude in
// c_translator.cpp spells the same types out in C; keep the two in step.
#pragma once

#include <cstdint>

#include "core/runtime/run_state.h"

namespace bf::cc {

inline constexpr const char* kEntrySymbol = "bf_cc_main";

// What the entry point (and the checked path) returns.
enum EntryStatus : int {
  kFinished = 0,   // ran to the end
  kStopped = 1,    // the checked path stopped the run; the reason is in its CheckedContext
  kStepLimit = 2,  // the generated code found the step budget empty
};

// The checked path: runs the program from op `first`, tape position p, to its end with every
// access checked. Generated code hands over (as a tail call) where it can no longer prove that
// the accesses ahead stay on the tape; it never returns to the generated code.
using CheckedFunction = int (*)(void* context, uint32_t first, int64_t p);

// Runs the loop starting at op `begin` (kLoopBegin), tape position p, with every access checked,
// and returns where it left the tape pointer, or kStoppedRun when the run stopped. Generated code
// calls it for loops nested too deep to hand to the C compiler (its time grows steeply with depth).
using LoopFunction = int64_t (*)(void* context, uint32_t begin, int64_t p);
inline constexpr int64_t kStoppedRun = INT64_MIN;

struct Environment {
  void (*flush)(RunState*);
  uint8_t (*read)(RunState*, uint8_t);
  CheckedFunction checked;
  LoopFunction loop;
  void* context;
};

using EntryFunction = int (*)(uint8_t* cells, int64_t size, RunState* state,
                              const Environment* env);

}  // namespace bf::cc
