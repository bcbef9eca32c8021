// The asmjit engine: engines/jit's x86-64 code shape emitted through AsmJit's x86::Assembler (prologue
// and epilogue from FuncFrame), run from a dual-mapped JitAllocator (RX view run, RW view written)
// with guard-page traps.
#pragma once

#include "core/engine_registry.h"

namespace bf::asmjit {

EngineInfo engine_info();

}  // namespace bf::asmjit
