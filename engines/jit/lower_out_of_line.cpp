// Everything after the epilogue: exit stubs, plain copies of fixed regions and guarded runs, and
// the stubs the code emitted so far asked for (a plain copy may ask for more, so stubs come last).
#include "engines/jit/lowerer.h"

namespace bf::jit {

void Lowerer::emit_out_of_line() {
  if (count_steps_) {
    emit_.bind(step_exit_);
    emit_.set_exit_code(kExitStepLimit);
    emit_.jump(epilogue_);
  }
  layout_.trap_exit_offset = emit_.offset();
  emit_.set_exit_code(kExitFault);
  emit_.jump(epilogue_);

  for (const PlainCopy& plain : plain_copies_) {
    emit_.bind(plain.start);
    facts_.at_plain_copy(plain.known);
    for (size_t i = plain.region->begin; i <= plain.region->end; ++i) i = lower_op(i, Copy::kPlain);
    emit_.jump(plain.after);
  }
  for (const RunCopy& plain : run_copies_) {
    emit_.bind(plain.start);
    facts_.at_plain_copy(plain.known);
    lower_apart(plain.run->plain);
    emit_.jump(plain.after);
  }
  for (const CheckStub& stub : check_stubs_) {
    emit_.bind(stub.fail);
    emit_.set_checked_exit(stub.site);
    emit_.jump(epilogue_);
  }
  for (const GroupStub& stub : group_stubs_) {
    emit_.bind(stub.slow);
    emit_.test_counter();
    emit_.jump_if_zero(stub.done);
    emit_.jump(stub.targets);
  }
}

}  // namespace bf::jit
