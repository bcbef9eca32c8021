// EngineRegistry: the engines this build knows, with whether each one can run here and why not.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/engine.h"

namespace bf {

struct EngineInfo {
  std::string name;         // "naive", "threaded", "handjit", ...
  std::string description;  // one line for `bfbench engines`
  bool available = true;
  std::string unavailable_reason;  // when !available: e.g. "built without AsmJit (libasmjit-dev)"
  std::function<std::unique_ptr<Engine>()> make;
};

class EngineRegistry {
 public:
  void add(EngineInfo info) { engines_.push_back(std::move(info)); }
  const std::vector<EngineInfo>& all() const { return engines_; }
  // nullptr when no engine has this name.
  const EngineInfo* find(const std::string& name) const;
  std::string names() const;  // "naive, threaded, ..." for error messages

 private:
  std::vector<EngineInfo> engines_;
};

}  // namespace bf
