// The naive engine: the reference interpreter (core/reference_interpreter.h) over the whole
// program. The semantics every other engine is checked against, so it favours obviousness over
// speed.
#pragma once

#include "core/engine_registry.h"

namespace bf::naive {

EngineInfo engine_info();

}  // namespace bf::naive
