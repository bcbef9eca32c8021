// A command's options as data: one table read by both parsers of the command line, the full one
// (Boost.Program_options, boost_options.h) and the plain one of the front door (plain_options.h).
#pragma once

#include <map>
#include <span>
#include <string>
#include <string_view>

namespace bf::cli {

// Constant data, so that a command line that only needs the names (the front door's plain parse)
// builds no help text: a text that depends on the build is a function, called for --help only.
struct OptionSpec {
  const char* names;  // Boost's spelling: the long name, then a comma and the short letter if any
  bool takes_value;
  const char* default_value;  // nullptr: none
  const char* help;           // nullptr: build_help gives it
  std::string (*build_help)() = nullptr;

  std::string_view long_name() const;
  char short_name() const;          // '\0': none
  std::string description() const;  // --help's text
};

using OptionSpecs = std::span<const OptionSpec>;

// What the command line gave, by long name; a flag's value is "". Defaults are filled in.
using OptionValues = std::map<std::string, std::string, std::less<>>;

}  // namespace bf::cli
