// The asmjit engine: engines/jit's x86-64 code shape emitted through AsmJit's x86::Assembler, run
// from a dual-mapped JitAllocator (RX view run, RW view written) with guard-page traps.
//
// How it is put together (read in this order):
//   asmjit_engine.cpp        the engine: a jit::JitEngine whose Assembler is AsmjitAssembler and
//                            whose code is installed in AsmJit's own memory
//   engines/jit/             everything the three JITs share (see engines/handjit/handjit_engine.h
//                            for the tour; CODE_SHAPE.md explains the shape)
//   asmjit_assembler.h/.cpp  the Assembler: each instruction form as one AsmJit call; the frame
//                            from FuncFrame (one instruction more on the way out)
//   asmjit_errors.h/.cpp     AsmJit's error values recorded and thrown as CompileError
//   dual_mapped_code.h/.cpp  the JitAllocator with dual mapping: never read-write-execute
#pragma once

#include "core/engine_registry.h"

namespace bf::asmjit {

EngineInfo engine_info();

}  // namespace bf::asmjit
