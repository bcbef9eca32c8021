#include "engines/jit/jit_executable.h"

#include <atomic>
#include <cerrno>
#include <cstring>
#include <string>
#include <utility>

#include "engines/jit/code_memory.h"
#include "engines/jit/fault_trap.h"

namespace bf::jit {

namespace {

// handjit's and xbyak's code: a sealed copy in engines/jit's own pages.
class SealedPages final : public ExecutableCode {
 public:
  explicit SealedPages(CodeMemory memory) : memory_(std::move(memory)) {
    if (!memory_.sealed()) throw CompileError("generated code must be sealed before it runs");
  }
  std::span<const uint8_t> bytes() const override { return {memory_.data(), memory_.size()}; }

 private:
  CodeMemory memory_;
};

}  // namespace

JitExecutable::JitExecutable(std::unique_ptr<const ExecutableCode> code, CodeLayout layout)
    : owner_(std::move(code)), code_(owner_->bytes()), layout_(std::move(layout)) {
  if (code_.empty()) throw CompileError("generated code is empty");
  entry_ = reinterpret_cast<JitEntry>(const_cast<uint8_t*>(code_.data()));
  // Installed here so that a failure is a compile error; run() only re-checks it.
  if (!ensure_fault_handler()) {
    throw CompileError(std::string("cannot install the SIGSEGV handler: ") + std::strerror(errno));
  }
}

RunResult JitExecutable::run(Tape& tape, RunState& state) {
  ensure_fault_handler();  // reinstalls it if something replaced it since compile()
  FaultScope scope(code_, tape, code_.data() + layout_.trap_exit_offset);
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
  machine.bytes = code_;
  machine.address = reinterpret_cast<uint64_t>(code_.data());
  machine.op_offsets = layout_.op_offsets;
  return machine;
}

std::unique_ptr<const ExecutableCode> sealed_copy(std::span<const uint8_t> bytes) {
  return std::make_unique<SealedPages>(CodeMemory::copy_of(bytes));
}

}  // namespace bf::jit
