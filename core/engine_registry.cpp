#include "core/engine_registry.h"

namespace bf {

const EngineInfo* EngineRegistry::find(const std::string& name) const {
  for (const EngineInfo& info : engines_) {
    if (info.name == name) return &info;
  }
  return nullptr;
}

std::string EngineRegistry::names() const {
  std::string out;
  for (const EngineInfo& info : engines_) {
    if (!out.empty()) out += ", ";
    out += info.name;
  }
  return out;
}

}  // namespace bf
