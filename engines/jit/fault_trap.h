// Turns a guard-page fault inside generated code into a trap result: a SIGSEGV handler resumes the
// code at its trap-exit stub instead of letting the process die.
#pragma once

#include <cstdint>
#include <span>

#include "core/runtime/tape.h"

namespace bf::jit {

// Where a caught fault happened.
struct FaultRecord {
  bool caught = false;
  uintptr_t instruction = 0;  // the faulting instruction's address (RIP)
  uintptr_t address = 0;      // the tape address it tried to access
};

// Installs the process-wide SIGSEGV handler if it is not installed (again, if someone replaced
// it). Returns false (errno set) if sigaction fails. Called before every run; cheap.
bool ensure_fault_handler() noexcept;

// While alive, a fault on this thread whose address is in `tape`'s guards and whose instruction is
// inside `code` resumes at `trap_exit` and is recorded here. Any other fault restores the previous
// handler and re-executes the instruction, so genuine crashes still crash. Scopes nest (the inner
// one wins) and are per thread.
class FaultScope {
 public:
  FaultScope(std::span<const uint8_t> code, const Tape& tape, const uint8_t* trap_exit);
  ~FaultScope();
  FaultScope(const FaultScope&) = delete;
  FaultScope& operator=(const FaultScope&) = delete;

  const FaultRecord& fault() const { return record_; }

  // For the signal handler: whether this run owns a fault at instruction `rip` on `address`, and
  // if so, record it and return where to resume.
  bool owns(uintptr_t rip, const void* address) const {
    return rip >= code_begin_ && rip < code_end_ && tape_.in_guard(address);
  }
  uintptr_t take(uintptr_t rip, const void* address) {
    record_ = FaultRecord{true, rip, reinterpret_cast<uintptr_t>(address)};
    return trap_exit_;
  }

 private:

  uintptr_t code_begin_;
  uintptr_t code_end_;
  const Tape& tape_;
  uintptr_t trap_exit_;
  FaultRecord record_;
  FaultScope* outer_;
};

}  // namespace bf::jit
