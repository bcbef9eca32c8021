#include "engines/builtin_engines.h"

#include "engines/naive/naive_engine.h"

namespace bf {

const EngineRegistry& builtin_engines() {
  static const EngineRegistry registry = [] {
    EngineRegistry r;
    r.add(naive::engine_info());
    return r;
  }();
  return registry;
}

}  // namespace bf
