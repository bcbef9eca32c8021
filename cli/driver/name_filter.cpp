#include "cli/driver/name_filter.h"

#include "cli/cli_common.h"

namespace bf::driver {

NameFilter::NameFilter(const std::string& spec) {
  std::string pattern = spec;
  if (pattern.empty() || pattern == "all") pattern.assign(1, '.');
  if (pattern[0] == '-') {
    negative_ = true;
    pattern.erase(0, 1);
  }
  try {
    regex_ = std::regex(pattern, std::regex::extended);
  } catch (const std::regex_error& error) {
    throw cli::UsageError{"--benchmark_filter: '" + spec + "' is not a valid regular expression (" +
                          error.what() + ")"};
  }
}

bool NameFilter::matches(const std::string& name) const {
  return std::regex_search(name, regex_) != negative_;
}

}  // namespace bf::driver
