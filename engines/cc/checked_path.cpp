#include "engines/cc/checked_path.h"

#include "core/reference_interpreter.h"

namespace bf::cc {

namespace {

// Runs ops [first, last) on the reference interpreter; a stop is kept in the context.
bool run_checked(CheckedContext& c, size_t first, size_t last, int64_t& p) {
  const InterpreterEnd end = interpret(c.ops, first, last, p, c.cells, c.state, c.count_steps);
  p = end.p;
  if (end.result.ok()) return true;
  c.stop = end.result;
  return false;
}

}  // namespace

extern "C" int bf_cc_run_checked(void* context, uint32_t first, int64_t p) {
  CheckedContext& c = *static_cast<CheckedContext*>(context);
  return run_checked(c, first, c.ops.size(), p) ? kFinished : kStopped;
}

extern "C" int64_t bf_cc_run_loop(void* context, uint32_t begin, int64_t p) {
  CheckedContext& c = *static_cast<CheckedContext*>(context);
  const auto end = static_cast<size_t>(c.ops[begin].arg);
  return run_checked(c, begin, end + 1, p) ? p : kStoppedRun;
}

}  // namespace bf::cc
