// The threaded engine: ops decoded once into a stream of (handler address, operands), run by
// direct threading -- every handler ends in its own indirect jump to the next one.
#pragma once

#include "core/engine_registry.h"

namespace bf::threaded {

EngineInfo engine_info();

}  // namespace bf::threaded
