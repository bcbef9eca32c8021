// JitExecutable: runs code produced by lowering() under a fault scope and turns its exit into a
// RunResult; shared by every JIT engine.
#pragma once

#include <cstdint>
#include <memory>
#include <span>

#include "core/engine.h"
#include "engines/jit/executable_code.h"
#include "engines/jit/jit_abi.h"
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

// A read-execute copy of position-independent `bytes` in fresh sealed code memory (CodeMemory).
std::unique_ptr<const ExecutableCode> sealed_copy(std::span<const uint8_t> bytes);

}  // namespace bf::jit
