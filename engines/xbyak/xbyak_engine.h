// The xbyak engine: engines/jit's x86-64 code shape emitted through xbyak's CodeGenerator, run
// from W^X code memory with guard-page traps.
//
// How it is put together (read in this order):
//   xbyak_engine.cpp        the engine: a jit::JitEngine whose Assembler is XbyakAssembler, with
//                           xbyak's exceptions turned into CompileError (xbyak_errors.h)
//   engines/jit/            everything the three JITs share (see engines/handjit/handjit_engine.h
//                           for the tour; CODE_SHAPE.md explains the shape)
//   xbyak_assembler.h/.cpp  the Assembler: each instruction form as one xbyak call, in an AutoGrow
//                           buffer that stays plain data (the code runs from a sealed copy)
#pragma once

#include "core/engine_registry.h"

namespace bf::xbyak {

EngineInfo engine_info();

}  // namespace bf::xbyak
