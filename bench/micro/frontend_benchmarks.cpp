#include "bench/micro/frontend_benchmarks.h"

#include <benchmark/benchmark.h>

#include "core/parser.h"
#include "core/passes/pipeline.h"

namespace bf::micro {

namespace {

// Rates per second: source bytes (bytes_per_second) and ops (items_per_second).
void set_rates(benchmark::State& state, const MicroProgram& program, size_t ops) {
  state.SetBytesProcessed(static_cast<int64_t>(program.source.bytes().size()) * state.iterations());
  state.SetItemsProcessed(static_cast<int64_t>(ops) * state.iterations());
}

}  // namespace

void register_frontend_benchmarks(const std::vector<MicroProgram>& programs) {
  for (const MicroProgram& program : programs) {
    benchmark::RegisterBenchmark(("parse/" + program.name).c_str(), [&program](benchmark::State& state) {
      for (auto _ : state) {
        Program parsed = parse(program.source);
        benchmark::DoNotOptimize(parsed.ops.data());
      }
      set_rates(state, program, program.parsed.ops.size());
    })->UseRealTime();  // as the JIT benchmarks, so rates compare
  }
  for (const MicroProgram& program : programs) {
    for (int level = 1; level <= kMaxLevel; ++level) {
      const std::string name = "optimize/" + program.name + "/O" + std::to_string(level);
      benchmark::RegisterBenchmark(name.c_str(), [&program, level](benchmark::State& state) {
        // Each level's whole pipeline from the parsed program; the copy it starts from is made
        // off the clock, since optimize() takes its input by value.
        for (auto _ : state) {
          state.PauseTiming();
          Program input = program.parsed;
          state.ResumeTiming();
          Program optimized = optimize(std::move(input), level);
          benchmark::DoNotOptimize(optimized.ops.data());
        }
        set_rates(state, program, program.parsed.ops.size());
      })->UseRealTime();
    }
  }
}

}  // namespace bf::micro
