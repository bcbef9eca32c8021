// RunState: everything a running program touches besides the tape -- the output buffer, the input,
// the step budget. Its layout is the ABI generated code uses, so JITs read fields by offsetof.
#pragma once

#include <atomic>
#include <csignal>
#include <cstddef>
#include <cstdint>
#include <limits>

#include "core/runtime/io.h"

namespace bf {

inline constexpr size_t kOutputBufferBytes = 64 * 1024;
inline constexpr size_t kInputBufferBytes = 64 * 1024;

struct RunState {
  RunState(OutputSink& sink, InputSource& input, EofPolicy eof = EofPolicy::kKeep)
      : sink(&sink), input(&input), eof(eof) {}
  RunState(const RunState&) = delete;
  RunState& operator=(const RunState&) = delete;

  // --- Output, appended inline by engines: out_buffer[out_length++] = byte; flush when full. ---
  uint8_t* out_buffer = out_storage;
  uint64_t out_length = 0;
  uint64_t out_capacity = kOutputBufferBytes;

  // --- Step budget, used only by code compiled with CompileOptions::count_steps. ---
  // Engines decrement it once per step -- per executed loop test, see is_loop_test() -- and stop
  // with kStepLimit when the value before the decrement was <= 0 (so max_steps steps may run). The
  // watchdog thread of a --timeout stores 0 here (and sets timed_out) to stop a run from outside.
  std::atomic<int64_t> budget{std::numeric_limits<int64_t>::max()};
  std::atomic<bool> timed_out{false};

  // --- Input, read through bf_read_input(); engines never touch these directly. ---
  OutputSink* sink;
  InputSource* input;
  EofPolicy eof;
  bool input_ended = false;
  uint32_t in_position = 0;
  uint32_t in_length = 0;

  uint8_t out_storage[kOutputBufferBytes];
  uint8_t in_storage[kInputBufferBytes];

  // Non-zero while flush() writes the buffer: a process ended by a signal then does not write it
  // again (process_cleanup.h).
  volatile std::sig_atomic_t flushing = 0;

  // Appends one output byte (the interpreters' path; JITs inline the same steps).
  void put(uint8_t byte) {
    out_buffer[out_length++] = byte;
    if (out_length == out_capacity) flush();
  }
  void flush();
  // The value `,` stores: the next input byte, or what the EOF policy says given the cell's value.
  uint8_t read(uint8_t current);

  // Prepares for another run of the same program (benchmark loop): empties the output buffer,
  // resets budget and flags. Does not rewind the input source; the caller owns it.
  void reset(uint64_t max_steps = 0);
};

// Entry points for generated code (System V ABI, called with rsp 16-byte aligned).
extern "C" void bf_flush_output(RunState* state);
extern "C" uint8_t bf_read_input(RunState* state, uint8_t current);

}  // namespace bf
