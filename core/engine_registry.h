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

// Each engine is probed (is its library, its C compiler, there?) only when it is first asked
// for: a run names one engine, and the cc engine's probe searches PATH for a C compiler, which
// `bfbench run --engine handjit` should not pay for at every start.
class EngineRegistry {
 public:
  // `probe` gives the engine's EngineInfo (named `name`) when the engine is first asked for.
  void add(std::string name, std::function<EngineInfo()> probe);
  const std::vector<EngineInfo>& all() const;  // probes every engine not probed yet
  // nullptr when no engine has this name; probes only that engine.
  const EngineInfo* find(const std::string& name) const;
  std::string names() const;  // "naive, threaded, ..." for error messages; probes none

 private:
  struct Probe {
    std::function<EngineInfo()> info;
    bool done = false;
  };
  const EngineInfo& probed(size_t index) const;

  std::vector<std::string> names_;
  mutable std::vector<Probe> probes_;
  mutable std::vector<EngineInfo> engines_;  // engines_[i] is valid once probes_[i].done
};

}  // namespace bf
