// bfbench_micro: Google Benchmark micro-benchmarks of parse, each optimization level and each
// code-generating engine's compile, over the corpus programs (bytes of source and ops per second).
#include <benchmark/benchmark.h>

#include <exception>
#include <iostream>

#include "bench/micro/frontend_benchmarks.h"
#include "bench/micro/jit_benchmarks.h"
#include "bench/micro/micro_programs.h"

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 64;
  std::vector<bf::micro::MicroProgram> programs;
  try {
    programs = bf::micro::load_micro_programs();
  } catch (const std::exception& error) {
    std::cerr << "bfbench_micro: " << error.what() << "\n";
    return 66;
  }
  bf::micro::register_frontend_benchmarks(programs);
  bf::micro::register_jit_benchmarks(programs);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
