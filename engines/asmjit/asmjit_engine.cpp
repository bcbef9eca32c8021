#include "engines/asmjit/asmjit_engine.h"

#if defined(BFBENCH_HAVE_ASMJIT)

#include <cstdint>
#include <limits>
#include <memory>

#include "engines/jit/jit_executable.h"
#include "engines/jit/lowering.h"
#include "engines/asmjit/asmjit_emitter.h"
#include "engines/asmjit/dual_mapped_code.h"

namespace bf::asmjit {

namespace {

// Typical code size per op at O3 is 6-10 bytes; a generous reservation avoids growing the buffer.
constexpr size_t kBytesPerOpGuess = 16;
constexpr size_t kFixedBytes = 256;  // prologue, epilogue, exit stubs

class AsmjitEngine final : public Engine {
 public:
  std::unique_ptr<Executable> compile(const Program& program,
                                      const CompileOptions& options) const override {
    AsmjitEmitter emitter(program.ops.size() * kBytesPerOpGuess + kFixedBytes);
    jit::CodeLayout layout = jit::lower(program, options, emitter);
    const std::span<const uint8_t> code = emitter.finish();
    if (code.size() > static_cast<size_t>(std::numeric_limits<int32_t>::max())) {
      throw CompileError("asmjit: generated code exceeds 2 GiB (rel32 jumps cannot span it)");
    }
    return jit::make_jit_executable(memory_.install(code), std::move(layout));
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
