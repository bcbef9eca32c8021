// Random IR programs for the JIT differential test: every op kind in shapes the optimizer may
// never produce (MulAdd groups with offset counters, scans of any stride, far offsets, moves beyond
// the guard), on small tapes so that traps of every kind happen.
#pragma once

#include <cstdint>
#include <string>

#include "core/program.h"
#include "core/runtime/io.h"

namespace bf::testing {

struct RandomIr {
  Program program;      // passes verify()
  std::string input;
  EofPolicy eof = EofPolicy::kKeep;
  uint64_t tape_cells;  // mostly one page
};

// Deterministic for a seed (std::mt19937_64 only). Programs may not terminate: run them with a
// step limit.
RandomIr random_ir(uint64_t seed);

}  // namespace bf::testing
