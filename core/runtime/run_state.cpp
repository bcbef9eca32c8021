#include "core/runtime/run_state.h"

namespace bf {

void RunState::flush() {
  if (out_length > 0) {
    flushing = 1;
    sink->write(out_buffer, out_length);
    flushing = 0;
  }
  out_length = 0;
}

uint8_t RunState::read(uint8_t current) {
  // Flush first: an interactive program's prompt must be visible before it waits for an answer.
  flush();
  if (in_position == in_length && !input_ended) {
    in_length = static_cast<uint32_t>(input->read(in_storage, kInputBufferBytes));
    in_position = 0;
    input_ended = in_length == 0;
  }
  if (in_position < in_length) return in_storage[in_position++];
  switch (eof) {
    case EofPolicy::kKeep: return current;
    case EofPolicy::kZero: return 0;
    case EofPolicy::kMax: return 255;
  }
  return current;
}

void RunState::reset(uint64_t max_steps) {
  out_length = 0;
  in_position = 0;
  in_length = 0;
  input_ended = false;
  timed_out.store(false, std::memory_order_relaxed);
  budget.store(max_steps == 0 || max_steps > static_cast<uint64_t>(INT64_MAX)
                   ? INT64_MAX
                   : static_cast<int64_t>(max_steps),
               std::memory_order_relaxed);
}

extern "C" void bf_flush_output(RunState* state) { state->flush(); }

extern "C" uint8_t bf_read_input(RunState* state, uint8_t current) { return state->read(current); }

}  // namespace bf
