#include "core/engine_registry.h"

#include <mutex>

namespace bf {

namespace {

// Registries are built once and then read from any thread (the driver's and the tests'): the
// first read of an engine probes it, under this lock.
std::mutex& probe_lock() {
  static std::mutex lock;
  return lock;
}

}  // namespace

void EngineRegistry::add(std::string name, std::function<EngineInfo()> probe) {
  names_.push_back(std::move(name));
  probes_.push_back({std::move(probe)});
  engines_.emplace_back();
}

const EngineInfo& EngineRegistry::probed(size_t index) const {
  const std::lock_guard<std::mutex> hold(probe_lock());
  Probe& probe = probes_[index];
  if (!probe.done) {
    engines_[index] = probe.info();
    probe.done = true;
  }
  return engines_[index];
}

const std::vector<EngineInfo>& EngineRegistry::all() const {
  for (size_t i = 0; i < names_.size(); ++i) probed(i);
  return engines_;
}

const EngineInfo* EngineRegistry::find(const std::string& name) const {
  for (size_t i = 0; i < names_.size(); ++i) {
    if (names_[i] == name) return &probed(i);
  }
  return nullptr;
}

std::string EngineRegistry::names() const {
  std::string out;
  for (const std::string& name : names_) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

}  // namespace bf
