// Context: the facts stamped into every report (git commit, compiler and flags, build type,
// engines and their availability, CPU, how times are taken), via benchmark::AddCustomContext.
#pragma once

#include <filesystem>
#include <string>

#include "cli/driver/options.h"
#include "cli/driver/selection.h"

namespace bf::driver {

void add_report_context(const Selection& selection, const DriverOptions& options,
                        const std::filesystem::path& corpus_dir);

// "Intel(R) Xeon(R) ...", from /proc/cpuinfo; "unknown" when it cannot be read.
std::string cpu_model();

}  // namespace bf::driver
