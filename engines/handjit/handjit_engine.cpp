#include "engines/handjit/handjit_engine.h"

#ifdef BFBENCH_HAVE_JIT_SUPPORT

#include <cstdint>
#include <limits>
#include <memory>

#include "engines/jit/jit_executable.h"
#include "engines/jit/lowering.h"
#include "engines/handjit/hand_emitter.h"

namespace bf::handjit {

namespace {

// Typical code size per op at O3 is 6-10 bytes; a generous guess avoids growing the buffer.
constexpr size_t kBytesPerOpGuess = 16;
constexpr size_t kFixedBytes = 256;  // prologue, epilogue, exit stubs

class HandJitEngine final : public Engine {
 public:
  std::unique_ptr<Executable> compile(const Program& program,
                                      const CompileOptions& options) const override {
    HandEmitter emitter(program.ops.size() * kBytesPerOpGuess + kFixedBytes);
    jit::CodeLayout layout = jit::lower(program, options, emitter);
    const std::span<const uint8_t> code = emitter.finish();
    if (code.size() > static_cast<size_t>(std::numeric_limits<int32_t>::max())) {
      throw CompileError("handjit: generated code exceeds 2 GiB (rel32 jumps cannot span it)");
    }
    return jit::make_jit_executable(code, std::move(layout));
  }
};

}  // namespace

EngineInfo engine_info() {
  return EngineInfo{"handjit", "x86-64 JIT with our own encoder (REX/ModRM/SIB, rel32 backpatching)",
                    true, "", [] { return std::make_unique<HandJitEngine>(); }};
}

}  // namespace bf::handjit

#else  // no bf_jit_support: not x86-64 Linux

namespace bf::handjit {

EngineInfo engine_info() {
  return EngineInfo{"handjit", "x86-64 JIT with our own encoder", false,
                    "needs x86-64 Linux (generated code and the fault handler are specific to it)",
                    nullptr};
}

}  // namespace bf::handjit

#endif
