// Reading /proc/self/maps in tests: the permissions of the mapping holding an address, and
// whether any mapping is writable and executable at once.
#pragma once

#include <string>
#include <vector>

namespace bf::testing {

// "r-xp" style permissions of the mapping containing `address`, or "" when none does.
std::string permissions_at(const void* address);

// The /proc/self/maps line of the mapping containing `address`, or "" when none does.
std::string mapping_at(const void* address);

// Lines of /proc/self/maps that map the same file (device and inode) as `line`, `line` included;
// empty for anonymous memory (inode 0).
std::vector<std::string> mappings_of_same_file(const std::string& line);

// Lines of /proc/self/maps whose permissions include both 'w' and 'x'.
std::vector<std::string> writable_and_executable_mappings();

// Expects the memory at `address` to be mapped, not executable, and no mapping at all to be
// writable and executable (a library's own code buffer that must stay plain data).
void expect_plain_data(const void* address);

}  // namespace bf::testing
