// Random well-formed IR over every op kind (Set, Scan, MulAdd groups included), for testing an
// engine below the optimizer: whatever shapes the passes produce, the engine must run them right.
#pragma once

#include <cstdint>
#include <random>

#include "core/program.h"

namespace bf::testing {

struct RandomIrOptions {
  int ops = 40;              // roughly how many ops to generate
  int max_depth = 3;         // loop nesting
  int32_t far_offset = 4096; // sometimes used as an offset or move, to reach off a small tape
};

// Balanced, linked and verified, but not necessarily terminating (run it with a step limit).
// Each op's src is its own index and src2 is 100000 + its index, so a trap names exactly one op.
Program random_ir(std::mt19937_64& rng, const RandomIrOptions& options = {});

}  // namespace bf::testing
