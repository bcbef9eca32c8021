#include "engines/xbyak/xbyak_engine.h"

#if defined(BFBENCH_HAVE_XBYAK)

#include <cstdint>
#include <limits>
#include <memory>
#include <span>

#include "engines/jit/jit_executable.h"
#include "engines/jit/lowering.h"
#include "engines/xbyak/xbyak_emitter.h"
#include "engines/xbyak/xbyak_errors.h"

namespace bf::xbyak {

namespace {

// Typical code size per op at O3 is 6-10 bytes; a generous first buffer avoids growing it.
constexpr size_t kBytesPerOpGuess = 16;
constexpr size_t kFixedBytes = 256;  // prologue, epilogue, exit stubs

class XbyakEngine final : public Engine {
 public:
  std::unique_ptr<Executable> compile(const Program& program,
                                      const CompileOptions& options) const override {
    return translating_xbyak_errors([&] {
      XbyakEmitter emitter(program.ops.size() * kBytesPerOpGuess + kFixedBytes);
      jit::CodeLayout layout = jit::lower(program, options, emitter);
      const std::span<const uint8_t> code = emitter.finish();
      if (code.size() > static_cast<size_t>(std::numeric_limits<int32_t>::max())) {
        throw CompileError("xbyak: generated code exceeds 2 GiB (rel32 jumps cannot span it)");
      }
      return jit::make_jit_executable(code, std::move(layout));
    });
  }
};

}  // namespace

EngineInfo engine_info() {
  return EngineInfo{"xbyak", "x86-64 JIT emitted with xbyak (CodeGenerator, AutoGrow buffer copied into W^X pages)",
                    true, "", [] { return std::make_unique<XbyakEngine>(); }};
}

}  // namespace bf::xbyak

#else  // no xbyak or no bf_jit_support

namespace bf::xbyak {

EngineInfo engine_info() {
#if defined(BFBENCH_NO_JIT_SUPPORT)
  const char* reason = "needs x86-64 Linux (generated code and the fault handler are specific to it)";
#else
  const char* reason = "built without xbyak (install libxbyak-dev)";
#endif
  return EngineInfo{"xbyak", "x86-64 JIT emitted with xbyak", false, reason, nullptr};
}

}  // namespace bf::xbyak

#endif
