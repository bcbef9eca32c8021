// DualMappedCode: asmjit's code memory -- AsmJit's JitAllocator with dual mapping, written through
// a read-write view and run from a read-execute view of the same pages, never one mapping both.
#pragma once

#include <asmjit/core.h>

#include <cstdint>
#include <memory>
#include <span>

#include "engines/jit/executable_code.h"

namespace bf::asmjit {

// One JitAllocator per engine instance, shared with every executable it compiled (each keeps it
// alive until its own code is released). The packaged default would map a block read-write-execute;
// kUseDualMapping maps a memfd twice instead (RX and RW). Where that cannot be done (no memfd, no
// file descriptors left) allocation fails and so does compile(): there is no fallback to RWX.
class DualMappedAllocator {
 public:
  DualMappedAllocator();

  // Allocates code.size() bytes, copies `code` (position independent) in through the read-write
  // view and returns the read-execute view's owner. Throws CompileError when AsmJit cannot.
  std::unique_ptr<const jit::ExecutableCode> install(std::span<const uint8_t> code) const;

 private:
  std::shared_ptr<::asmjit::JitAllocator> allocator_;
};

}  // namespace bf::asmjit
