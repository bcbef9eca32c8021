// The threaded engine: ops decoded once into a stream of (handler address, operands), run by
// direct threading -- every handler ends in its own indirect jump to the next one.
//
// How it is put together (one file per step):
//   decoder       Program -> stream: a handler per op or per fused run of ops, operands inline,
//                 loop targets resolved to stream positions, trap sources kept beside the stream
//   instruction   the handler set and the 32-byte instruction every handler reads
//   cell_ops      what each handler does to the tape, every access bounds-checked
//   dispatch      the computed-goto loop: one label per handler, in a step-counting variant and a
//                 plain one (the benchmark variant pays nothing for --max-steps/--timeout)
//   dispatch_trace  -DBFBENCH_TRACE=ON: dispatch counts per handler, pair and instruction
//
// Exactness: each access is checked with one unsigned compare against the tape size (or, in the
// whole-loop handler, one window compare that proves every access of an iteration on the tape,
// falling back to the per-access checks near the ends), so a trap names the same command and cell
// as on the naive engine; loop tests count steps exactly where the naive engine does.
#pragma once

#include "core/engine_registry.h"

namespace bf::threaded {

EngineInfo engine_info();

}  // namespace bf::threaded
