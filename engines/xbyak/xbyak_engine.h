// The xbyak engine: engines/jit's x86-64 code shape emitted through xbyak's CodeGenerator, run from
// W^X code memory with guard-page traps.
#pragma once

#include "core/engine_registry.h"

namespace bf::xbyak {

EngineInfo engine_info();

}  // namespace bf::xbyak
