// A command's options as data: one table read by both parsers of the command line, the full one
// (Boost.Program_options, boost_options.h) and the plain one of the front door (plain_options.h).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace bf::cli {

struct OptionSpec {
  const char* names;  // Boost's spelling: the long name, then a comma and the short letter if any
  bool takes_value;
  const char* default_value;  // nullptr: none
  std::string help;

  std::string_view long_name() const;
  char short_name() const;  // '\0': none
};

// What the command line gave, by long name; a flag's value is "". Defaults are filled in.
using OptionValues = std::map<std::string, std::string, std::less<>>;

}  // namespace bf::cli
