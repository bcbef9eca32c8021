// JitExecutable: runs code produced by lowering() under a fault scope and turns its exit into a
// RunResult; shared by every JIT engine.
#pragma once

#include <cstdint>
#include <memory>
#include <span>

#include "core/engine.h"
#include "engines/jit/executable_code.h"
#include "engines/jit/lowering.h"

namespace bf::jit {

class JitExecutable final : public Executable {
 public:
  // `code` is read-execute and starts with the entry lowering() emitted.
  JitExecutable(std::unique_ptr<const ExecutableCode> code, CodeLayout layout);

  RunResult run(Tape& tape, RunState& state) override;
  size_t code_bytes() const override { return code_.size(); }
  std::optional<MachineCode> machine_code() const override;

  const CodeLayout& layout() const { return layout_; }

 private:
  RunResult trap_at(uint32_t code_offset, uintptr_t address, const Tape& tape) const;

  std::unique_ptr<const ExecutableCode> owner_;
  std::span<const uint8_t> code_;  // owner_->bytes()
  CodeLayout layout_;
  JitEntry entry_;
};

// Copies position-independent `bytes` into fresh sealed code memory (CodeMemory) and wraps them.
std::unique_ptr<Executable> make_jit_executable(std::span<const uint8_t> bytes, CodeLayout layout);
// Wraps code someone else installed (asmjit: AsmJit's dual-mapped JitAllocator).
std::unique_ptr<Executable> make_jit_executable(std::unique_ptr<const ExecutableCode> code,
                                                CodeLayout layout);

}  // namespace bf::jit
