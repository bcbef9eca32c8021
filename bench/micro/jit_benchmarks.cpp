#include "bench/micro/jit_benchmarks.h"

#include <benchmark/benchmark.h>

#include <memory>

#include "core/passes/pipeline.h"
#include "engines/builtin_engines.h"

namespace bf::micro {

namespace {

struct JitCase {
  std::unique_ptr<Engine> engine;
  Program program;  // optimized
  size_t source_bytes = 0;
  size_t code_bytes = 0;
};

// An engine generates code when what it compiles reports code bytes; interpreters report none.
bool generates_code(const Engine& engine, const Program& program) {
  try {
    return engine.compile(program, CompileOptions{})->code_bytes() > 0;
  } catch (const CompileError&) {
    return false;
  }
}

}  // namespace

void register_jit_benchmarks(const std::vector<MicroProgram>& programs) {
  if (programs.empty()) return;
  for (const EngineInfo& info : builtin_engines().all()) {
    if (!info.available || !generates_code(*info.make(), programs.front().parsed)) continue;
    for (const MicroProgram& program : programs) {
      for (int level = 0; level <= kMaxLevel; ++level) {
        auto jit = std::make_shared<JitCase>();
        jit->engine = info.make();
        jit->program = optimize(program.parsed, level);
        jit->source_bytes = program.source.bytes().size();
        const std::string name = "jit/" + info.name + "/" + program.name + "/O" + std::to_string(level);
        benchmark::RegisterBenchmark(name.c_str(), [jit](benchmark::State& state) {
          for (auto _ : state) {
            std::unique_ptr<Executable> executable;
            try {
              executable = jit->engine->compile(jit->program, CompileOptions{});
            } catch (const CompileError& error) {
              state.SkipWithError(error.what());
              break;
            }
            jit->code_bytes = executable->code_bytes();
            // Unmapping the code is not part of compiling it.
            state.PauseTiming();
            executable.reset();
            state.ResumeTiming();
          }
          state.SetBytesProcessed(static_cast<int64_t>(jit->source_bytes) * state.iterations());
          state.SetItemsProcessed(static_cast<int64_t>(jit->program.ops.size()) * state.iterations());
          state.counters["code_bytes"] = benchmark::Counter(static_cast<double>(jit->code_bytes));
        })->UseRealTime();  // a C compiler works in a child process, invisible to CPU time
      }
    }
  }
}

}  // namespace bf::micro
