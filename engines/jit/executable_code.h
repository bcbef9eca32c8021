// ExecutableCode: the read-execute bytes generated code runs from, owning the memory behind them --
// engines/jit's own sealed pages (handjit, xbyak) or another allocator's (asmjit's dual mapping).
#pragma once

#include <cstdint>
#include <span>

namespace bf::jit {

// JitExecutable runs code through this interface only, so it does not care who mapped it: the entry
// is the first byte of bytes(), the fault handler compares RIP with that range, and the access map
// is indexed by offsets from its start. Freeing the memory is the destructor's job.
class ExecutableCode {
 public:
  virtual ~ExecutableCode() = default;
  // The read-execute view the code runs from (never writable; a writable alias, if the owner has
  // one, lives at another address and is not exposed).
  virtual std::span<const uint8_t> bytes() const = 0;
};

}  // namespace bf::jit
