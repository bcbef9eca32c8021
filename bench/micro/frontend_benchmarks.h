// Micro-benchmarks of the shared front end: parse/PROGRAM and optimize/PROGRAM/LEVEL.
#pragma once

#include <vector>

#include "bench/micro/micro_programs.h"

namespace bf::micro {

// `programs` must outlive the benchmark run.
void register_frontend_benchmarks(const std::vector<MicroProgram>& programs);

}  // namespace bf::micro
