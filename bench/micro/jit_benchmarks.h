// Micro-benchmarks of code generation: jit/ENGINE/PROGRAM/LEVEL, the engine's compile() alone on
// an already optimized program, for every available engine that generates code.
#pragma once

#include <vector>

#include "bench/micro/micro_programs.h"

namespace bf::micro {

// `programs` must outlive the benchmark run.
void register_jit_benchmarks(const std::vector<MicroProgram>& programs);

}  // namespace bf::micro
