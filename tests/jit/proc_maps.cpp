#include "tests/jit/proc_maps.h"

#include <gtest/gtest.h>

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
  std::string device;
  uint64_t inode = 0;
  std::string line;
};

// Fields of a maps line: begin-end permissions offset device inode [path].
bool parse(const std::string& line, Mapping& m) {
  char permissions[8] = {};
  char device[16] = {};
  unsigned long long offset = 0;
  unsigned long long inode = 0;
  if (std::sscanf(line.c_str(), "%" SCNxPTR "-%" SCNxPTR " %7s %llx %15s %llu", &m.begin, &m.end,
                  permissions, &offset, device, &inode) != 6) {
    return false;
  }
  m.permissions = permissions;
  m.device = device;
  m.inode = inode;
  m.line = line;
  return true;
}

std::vector<Mapping> mappings() {
  std::vector<Mapping> result;
  std::ifstream maps("/proc/self/maps");
  std::string line;
  while (std::getline(maps, line)) {
    Mapping m;
    if (parse(line, m)) result.push_back(std::move(m));
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

std::string mapping_at(const void* address) {
  const auto a = reinterpret_cast<uintptr_t>(address);
  for (const Mapping& m : mappings()) {
    if (a >= m.begin && a < m.end) return m.line;
  }
  return "";
}

std::vector<std::string> mappings_of_same_file(const std::string& line) {
  Mapping file;
  std::vector<std::string> result;
  if (!parse(line, file) || file.inode == 0) return result;
  for (const Mapping& m : mappings()) {
    if (m.device == file.device && m.inode == file.inode) result.push_back(m.line);
  }
  return result;
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

void expect_plain_data(const void* address) {
  const std::string permissions = permissions_at(address);
  ASSERT_FALSE(permissions.empty()) << "nothing is mapped there";
  EXPECT_EQ(permissions.find('x'), std::string::npos) << permissions;
  EXPECT_TRUE(writable_and_executable_mappings().empty());
}

}  // namespace bf::testing
