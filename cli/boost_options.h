// The full command-line parser of the bfbench commands (Boost.Program_options): bfbench-tools
// and the heavy commands use it; the front door does not load it (plain_options.h).
#pragma once

#include <boost/program_options.hpp>
#include <string>

#include "cli/cli_common.h"
#include "cli/option_spec.h"

namespace bf::cli {

// Parses a subcommand's `visible` options plus one positional program FILE (stored as "file").
// A Boost error becomes a UsageError that starts with the subcommand's name ("asm: ...").
boost::program_options::variables_map parse_with_program_file(
    int argc, char** argv, const boost::program_options::options_description& visible,
    const std::string& command);

// A Boost option error as a UsageError "PREFIX<what>", with "did you mean '--NAME'?" for an
// unknown option close to one of `known`.
UsageError option_error(const std::string& prefix, const boost::program_options::error& error,
                        const boost::program_options::options_description& known);

// The options of `specs` (string values), under `caption`, as Boost describes and parses them.
boost::program_options::options_description describe_options(const std::string& caption,
                                                              OptionSpecs specs);

// The values Boost stored for `specs` and for the positional "file", by long name.
OptionValues option_values(const boost::program_options::variables_map& vm,
                           OptionSpecs specs);

}  // namespace bf::cli
