#include "core/jit/jit_executable.h"

#include <atomic>
#include <cerrno>
#include <cstring>
#include <string>
#include <utility>

#include "core/jit/fault_trap.h"

namespace bf::jit {

JitExecutable::JitExecutable(CodeMemory code, CodeLayout layout)
    : code_(std::move(code)), layout_(std::move(layout)) {
  if (!code_.sealed()) throw CompileError("generated code must be sealed before it runs");
  entry_ = reinterpret_cast<JitEntry>(const_cast<uint8_t*>(code_.data()));
  // Installed here so that a failure is a compile error; run() only re-checks it.
  if (!ensure_fault_handler()) {
    throw CompileError(std::string("cannot install the SIGSEGV handler: ") + std::strerror(errno));
  }
}

RunResult JitExecutable::run(Tape& tape, RunState& state) {
  ensure_fault_handler();  // reinstalls it if something replaced it since compile()
  const std::span<const uint8_t> code(code_.data(), code_.size());
  FaultScope scope(code, tape, code_.data() + layout_.trap_exit_offset);
  std::atomic_signal_fence(std::memory_order_seq_cst);
  const JitExit exit = entry_(tape.begin(), &state, tape.end());
  std::atomic_signal_fence(std::memory_order_seq_cst);

  switch (static_cast<ExitKind>(exit.code & 0xff)) {
    case kExitFinished:
      return RunResult{};
    case kExitStepLimit:
      return RunResult{state.timed_out ? RunStatus::kTimeLimit : RunStatus::kStepLimit};
    case kExitFault: {
      const FaultRecord& fault = scope.fault();
      const auto code_offset =
          static_cast<uint32_t>(fault.instruction - reinterpret_cast<uintptr_t>(code_.data()));
      return trap_at(code_offset, fault.address, tape);
    }
    case kExitChecked: {
      const auto site = static_cast<uint32_t>(exit.code >> kExitSiteShift);
      const auto cell = static_cast<int64_t>(exit.address - reinterpret_cast<uintptr_t>(tape.begin()));
      return tape_trap(cell, layout_.accesses.src_of_site(site));
    }
  }
  // Unreachable: generated code returns one of the kinds above.
  return RunResult{RunStatus::kTapeOverflow};
}

RunResult JitExecutable::trap_at(uint32_t code_offset, uintptr_t address, const Tape& tape) const {
  const auto cell = static_cast<int64_t>(address - reinterpret_cast<uintptr_t>(tape.begin()));
  return tape_trap(cell, layout_.accesses.src_at(code_offset).value_or(0));
}

std::optional<MachineCode> JitExecutable::machine_code() const {
  MachineCode machine;
  machine.bytes = std::span<const uint8_t>(code_.data(), code_.size());
  machine.address = reinterpret_cast<uint64_t>(code_.data());
  machine.op_offsets = layout_.op_offsets;
  return machine;
}

std::unique_ptr<Executable> make_jit_executable(std::span<const uint8_t> bytes, CodeLayout layout) {
  return std::make_unique<JitExecutable>(CodeMemory::copy_of(bytes), std::move(layout));
}

}  // namespace bf::jit
