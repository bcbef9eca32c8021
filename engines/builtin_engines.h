// The registry of every engine this build knows, in the order reports list them.
#pragma once

#include "core/engine_registry.h"

namespace bf {

const EngineRegistry& builtin_engines();

}  // namespace bf
