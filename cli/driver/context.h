// Context: the facts stamped into every report (the command line, git commit, compiler and flags,
// build type, engines and their availability, the machine (machine_facts.h), how times are taken,
// each program's category and provenance), via benchmark::AddCustomContext.
#pragma once

#include <filesystem>
#include <string>

#include "cli/driver/options.h"
#include "cli/driver/selection.h"

namespace bf::driver {

void add_report_context(const Selection& selection, const DriverOptions& options,
                        const std::filesystem::path& corpus_dir, const std::string& command_line);

}  // namespace bf::driver
