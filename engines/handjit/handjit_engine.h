// The handjit engine: a hand-rolled x86-64 JIT -- our own encoder, the shared code shape of
// engines/jit, W^X code memory and guard-page traps.
#pragma once

#include "core/engine_registry.h"

namespace bf::handjit {

EngineInfo engine_info();

}  // namespace bf::handjit
