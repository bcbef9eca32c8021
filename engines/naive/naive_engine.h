// The naive engine: a plain switch loop over the ops. The reference semantics every other engine
// is checked against, so it favours obviousness over speed.
#pragma once

#include "core/engine_registry.h"

namespace bf::naive {

EngineInfo engine_info();

}  // namespace bf::naive
