// The handjit engine: a hand-rolled x86-64 JIT -- the shared code shape of engines/jit encoded by
// our own encoder, run from W^X code memory with guard-page traps.
//
// How it is put together (read in this order):
//   handjit_engine.cpp   the engine: a jit::JitEngine whose Assembler is our X86Encoder
//   engines/jit/         everything the three JITs share: jit_engine.h (compile), lowering.h and
//                        lowerer.h (which code each op gets), code_shape.h (the sequences),
//                        assembler.h (the instruction forms); CODE_SHAPE.md explains the shape
//   x86_encoder.h/.cpp   the Assembler: each instruction form as bytes -- REX, ModRM, SIB,
//                        disp8/disp32, imm8/32/64 -- and jumps to labels (rel8 back when it fits,
//                        rel32 forward, backpatched by finish())
//   labels.h/.cpp        label positions and the holes jumps to them leave
//   code_buffer.h        the growing byte vector the encoder writes into
//
// Its code is byte for byte xbyak's and asmjit's (tests/jit): the difference between the three is
// only what emitting costs.
#pragma once

#include "core/engine_registry.h"

namespace bf::handjit {

EngineInfo engine_info();

}  // namespace bf::handjit
