#include "engines/handjit/handjit_engine.h"

#ifdef BFBENCH_HAVE_JIT_SUPPORT

#include <memory>

#include "engines/handjit/x86_encoder.h"
#include "engines/jit/jit_engine.h"

namespace bf::handjit {

EngineInfo engine_info() {
  return EngineInfo{"handjit", "x86-64 JIT with our own encoder (REX/ModRM/SIB, rel32 backpatching)",
                    true, "",
                    [] { return std::make_unique<jit::JitEngineOf<X86Encoder>>("handjit"); }};
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
