// The plain spellings of a command's options, read without Boost.Program_options so that the
// front door starts quickly: `--name VALUE`, `--name=VALUE`, `-x VALUE`, `-xVALUE`, flags, and one
// positional argument. Everything else gives nullopt, and the caller hands the command line to the
// full parser in bfbench-tools, which prints the help or the error exactly as it always has:
// --help, an unknown or abbreviated option, an option given twice, a missing value, `--name=`
// with nothing after it, a value that starts with '-' or '=' (Boost may read it otherwise), an
// empty or second positional argument, `-`, `--`.
#pragma once

#include <optional>
#include <string>

#include "cli/option_spec.h"

namespace bf::cli {

// argv[0] is the command's name; the positional argument is stored as `positional_name`.
std::optional<OptionValues> parse_plain_options(int argc, char** argv, OptionSpecs specs,
                                                const std::string& positional_name);

}  // namespace bf::cli
