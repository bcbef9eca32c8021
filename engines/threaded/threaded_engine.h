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
// Where the time goes is dispatches, so the decoder fuses: a move into the loop test or scan
// after it; runs of adds/sets and multiply loops into one instruction each; the loop test after a
// write or multiply into that instruction; and a loop whose whole body is adds, sets and
// multiplies into one instruction that iterates without dispatching at all. Without step
// counting, a loop end right after another loop end or a scan (it can only fall through) is
// not decoded at all.
//
// Exactness: each access is checked with one unsigned compare against the tape size (or, in the
// whole-loop handlers, one window compare that proves every access of an iteration on the tape,
// falling back to the per-access checks near the ends), so a trap names the same command and cell
// as on the naive engine; loop tests count steps exactly where the naive engine does.
#pragma once

#include "core/engine_registry.h"

namespace bf::threaded {

EngineInfo engine_info();

}  // namespace bf::threaded
