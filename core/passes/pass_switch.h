// The run-time pass switch: which of the pipeline's passes optimize() runs in this process, for
// ablation studies (`bfbench ... --disable-pass NAME`, `--passes LIST`; scripts/ablate). Set once,
// before any work, by the command line; by default every pass runs.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace bf {

// Runs every pass except these. Throws std::invalid_argument for a name that is not a pass.
void disable_passes(const std::vector<std::string>& names);

// Runs only these passes (at the places the level's table puts them); an empty list runs none.
// Throws std::invalid_argument for a name that is not a pass.
void run_only_passes(const std::vector<std::string>& names);

// Every pass runs again.
void enable_all_passes();

// False when the switch turns `name` off.
bool pass_enabled(std::string_view name);

}  // namespace bf
