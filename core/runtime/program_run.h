// ProgramRun: the ritual around Executable::run, written once -- the RunState, the step budget,
// the optional time limit and the flush afterwards. The sink, the input and the tape stay the
// caller's: a benchmark reuses them from run to run (clearing the tape, rewinding the input).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>

#include "core/engine.h"
#include "core/runtime/io.h"
#include "core/runtime/run_result.h"
#include "core/runtime/run_state.h"
#include "core/runtime/tape.h"
#include "core/runtime/watchdog.h"

namespace bf {

struct RunSettings {
  EofPolicy eof = EofPolicy::kKeep;
  uint64_t max_steps = 0;                       // 0: no step limit
  std::chrono::duration<double> time_limit{0};  // 0: no time limit
};

// The executable must have been compiled with CompileOptions::count_steps for either limit to
// stop it.
class ProgramRun {
 public:
  ProgramRun(OutputSink& sink, InputSource& input, const RunSettings& settings = {});

  // One whole run on `tape` (zeroed: a fresh Tape, or one the caller cleared): reset(), the
  // watchdog for the time limit, the run, and the flush -- also after a trap or a limit, so the
  // output so far reaches the sink.
  RunResult run(Executable& executable, Tape& tape);

  // The steps of run(), for callers that time the middle one (the benchmark driver): reset() and
  // start_watchdog() off the clock, then run_and_flush(). A new ProgramRun is ready for
  // run_and_flush() as it is.
  //
  // Readies the state for another run: output and input buffers emptied, budget refilled to
  // max_steps, the timed_out flag cleared. The input source itself is not rewound.
  void reset() { state_->reset(settings_.max_steps); }
  // Starts timing the time limit, if there is one; stop_watchdog() or the destructor stops it.
  void start_watchdog();
  void stop_watchdog() { watchdog_.reset(); }
  RunResult run_and_flush(Executable& executable, Tape& tape) {
    const RunResult result = executable.run(tape, *state_);
    state_->flush();
    return result;
  }

  RunState& state() { return *state_; }

 private:
  RunSettings settings_;
  std::unique_ptr<RunState> state_;  // on the heap: its two I/O buffers take 128 KiB
  std::optional<Watchdog> watchdog_;
};

}  // namespace bf
