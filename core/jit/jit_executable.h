// JitExecutable: runs code produced by lowering() under a fault scope and turns its exit into a
// RunResult; shared by every JIT engine.
#pragma once

#include <cstdint>
#include <memory>
#include <span>

#include "core/engine.h"
#include "core/jit/code_memory.h"
#include "core/jit/lowering.h"

namespace bf::jit {

class JitExecutable final : public Executable {
 public:
  // `code` is sealed (read-execute) and starts with the entry lowering() emitted.
  JitExecutable(CodeMemory code, CodeLayout layout);

  RunResult run(Tape& tape, RunState& state) override;
  size_t code_bytes() const override { return code_.size(); }
  std::optional<MachineCode> machine_code() const override;

  const CodeLayout& layout() const { return layout_; }

 private:
  RunResult trap_at(uint32_t code_offset, uintptr_t address, const Tape& tape) const;

  CodeMemory code_;
  CodeLayout layout_;
  JitEntry entry_;
};

// Copies position-independent `bytes` into fresh sealed code memory and wraps them.
std::unique_ptr<Executable> make_jit_executable(std::span<const uint8_t> bytes, CodeLayout layout);

}  // namespace bf::jit
