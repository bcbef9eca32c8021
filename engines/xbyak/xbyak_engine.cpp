#include "engines/xbyak/xbyak_engine.h"

#if defined(BFBENCH_HAVE_XBYAK)

#include <memory>

#include "engines/jit/jit_engine.h"
#include "engines/xbyak/xbyak_assembler.h"
#include "engines/xbyak/xbyak_errors.h"

namespace bf::xbyak {

namespace {

class XbyakEngine final : public jit::JitEngineOf<XbyakAssembler> {
 public:
  XbyakEngine() : JitEngineOf("xbyak") {}

  std::unique_ptr<Executable> compile(const Program& program,
                                      const CompileOptions& options) const override {
    return translating_xbyak_errors([&] { return JitEngineOf::compile(program, options); });
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
