// Reading /proc/self/maps in tests: the permissions of the mapping holding an address, and
// whether any mapping is writable and executable at once.
#pragma once

#include <string>
#include <vector>

namespace bf::testing {

// "r-xp" style permissions of the mapping containing `address`, or "" when none does.
std::string permissions_at(const void* address);

// Lines of /proc/self/maps whose permissions include both 'w' and 'x'.
std::vector<std::string> writable_and_executable_mappings();

}  // namespace bf::testing
