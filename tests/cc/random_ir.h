// Random IR for the cc engine's differential test: every op kind, fixed and moving loops (nested),
// scans of several strides, multiplies with far and off-tape targets, and walks to both tape ends.
#pragma once

#include <cstdint>

#include "core/program.h"

namespace bf::testing {

// The same seed gives the same program (std::mt19937_64, no distribution classes). Programs pass
// verify(); many never end, so run them with a step limit.
Program random_ir(uint64_t seed);

}  // namespace bf::testing
