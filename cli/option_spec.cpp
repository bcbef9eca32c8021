#include "cli/option_spec.h"

namespace bf::cli {

std::string_view OptionSpec::long_name() const {
  const std::string_view all = names;
  return all.substr(0, all.find(','));
}

std::string OptionSpec::description() const { return build_help ? build_help() : help; }

char OptionSpec::short_name() const {
  const std::string_view all = names;
  const size_t comma = all.find(',');
  return comma == std::string_view::npos || comma + 2 != all.size() ? '\0' : all[comma + 1];
}

}  // namespace bf::cli
