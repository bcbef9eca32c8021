#include "tests/jit/proc_maps.h"

#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <fstream>

namespace bf::testing {

namespace {

struct Mapping {
  uintptr_t begin = 0;
  uintptr_t end = 0;
  std::string permissions;
  std::string line;
};

std::vector<Mapping> mappings() {
  std::vector<Mapping> result;
  std::ifstream maps("/proc/self/maps");
  std::string line;
  while (std::getline(maps, line)) {
    Mapping m;
    char permissions[8] = {};
    if (std::sscanf(line.c_str(), "%" SCNxPTR "-%" SCNxPTR " %7s", &m.begin, &m.end, permissions) != 3) {
      continue;
    }
    m.permissions = permissions;
    m.line = line;
    result.push_back(std::move(m));
  }
  return result;
}

}  // namespace

std::string permissions_at(const void* address) {
  const auto a = reinterpret_cast<uintptr_t>(address);
  for (const Mapping& m : mappings()) {
    if (a >= m.begin && a < m.end) return m.permissions;
  }
  return "";
}

std::vector<std::string> writable_and_executable_mappings() {
  std::vector<std::string> result;
  for (const Mapping& m : mappings()) {
    if (m.permissions.find('w') != std::string::npos && m.permissions.find('x') != std::string::npos) {
      result.push_back(m.line);
    }
  }
  return result;
}

}  // namespace bf::testing
