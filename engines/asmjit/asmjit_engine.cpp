#include "engines/asmjit/asmjit_engine.h"

#if defined(BFBENCH_HAVE_ASMJIT)

#include <memory>

#include "engines/asmjit/asmjit_assembler.h"
#include "engines/asmjit/dual_mapped_code.h"
#include "engines/jit/jit_engine.h"

namespace bf::asmjit {

namespace {

class AsmjitEngine final : public jit::JitEngineOf<AsmjitAssembler> {
 public:
  AsmjitEngine() : JitEngineOf("asmjit") {}

 protected:
  // Into AsmJit's dual-mapped JitAllocator instead of our own sealed pages.
  std::unique_ptr<const jit::ExecutableCode> install(std::span<const uint8_t> code) const override {
    return memory_.install(code);
  }

 private:
  DualMappedAllocator memory_;
};

}  // namespace

EngineInfo engine_info() {
  return EngineInfo{"asmjit",
                    "x86-64 JIT emitted with AsmJit (x86::Assembler, FuncFrame; dual-mapped "
                    "JitAllocator)",
                    true, "", [] { return std::make_unique<AsmjitEngine>(); }};
}

}  // namespace bf::asmjit

#else  // no AsmJit or no bf_jit_support

namespace bf::asmjit {

EngineInfo engine_info() {
#if defined(BFBENCH_NO_JIT_SUPPORT)
  const char* reason = "needs x86-64 Linux (generated code and the fault handler are specific to it)";
#else
  const char* reason = "built without AsmJit (install libasmjit-dev)";
#endif
  return EngineInfo{"asmjit", "x86-64 JIT emitted with AsmJit", false, reason, nullptr};
}

}  // namespace bf::asmjit

#endif
