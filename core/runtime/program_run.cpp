#include "core/runtime/program_run.h"

namespace bf {

ProgramRun::ProgramRun(OutputSink& sink, InputSource& input, const RunSettings& settings)
    : settings_(settings), state_(std::make_unique<RunState>(sink, input, settings.eof)) {}

RunResult ProgramRun::run(Executable& executable, Tape& tape) {
  reset();
  start_watchdog();
  const RunResult result = executable.run(tape, *state_);
  stop_watchdog();
  state_->flush();
  return result;
}

void ProgramRun::start_watchdog() {
  watchdog_.reset();
  if (settings_.time_limit.count() > 0) watchdog_.emplace(*state_, settings_.time_limit);
}

}  // namespace bf
