// The programs the micro-benchmarks work on: the corpus's "benchmark" programs (all programs that
// end normally when those are not fetched), parsed once.
#pragma once

#include <string>
#include <vector>

#include "core/program.h"
#include "core/source.h"

namespace bf::micro {

struct MicroProgram {
  std::string name;
  Source source;
  Program parsed;  // O0
};

// Reads $BFBENCH_CORPUS or the source tree's corpus/. Throws std::runtime_error naming what
// cannot be read or parsed.
std::vector<MicroProgram> load_micro_programs();

}  // namespace bf::micro
