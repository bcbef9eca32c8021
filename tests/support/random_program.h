// Random Brainf*ck programs for differential testing: balanced, mostly terminating, and built from
// the idioms the optimizer rewrites, so every pass and its refusals get exercised.
#pragma once

#include <cstdint>
#include <string>

#include "core/runtime/io.h"

namespace bf::testing {

struct RandomProgram {
  std::string code;     // balanced brackets, with some comment bytes so sources are not dense
  std::string input;    // bytes for `,` (may run out: the EOF policy then applies)
  EofPolicy eof = EofPolicy::kKeep;
  uint64_t tape_cells;  // mostly one page, so runaway pointers reach the tape's end and trap
};

struct RandomProgramOptions {
  int pieces = 24;    // idioms at the top level (each loop holds a few more)
  int max_depth = 3;  // loop nesting
  // Chance in 1000 per piece of a trip beyond kMaxOffset and back (a long source; such programs
  // get a tape large enough for it).
  int far_trip_per_mille = 2;
};

// The same seed gives the same program on every platform (std::mt19937_64 only; no distribution
// classes, whose output the standard leaves to the library). Idioms: clear loops with odd and
// even steps, scans of strides 1-4 both ways, multiply loops (several targets, negative offsets,
// factors other than +-1, +1 counters, some spoiled by I/O or unbalanced moves), counted and
// nested loops, "if" loops, loops that reset cells, `+-` pairs, long moves, `.` and `,`, loops
// right after loops, and runaways that walk off either end of the tape. Most programs end; run
// them with a step limit and skip those that hit it at O0.
RandomProgram random_program(uint64_t seed, const RandomProgramOptions& options = {});

}  // namespace bf::testing
