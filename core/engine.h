// Engine and Executable: the one interface every execution strategy implements.
//   Engine::compile(optimized Program) -> Executable;  Executable::run(Tape, RunState) -> RunResult.
// Compile and run are separate so that code generation is measured apart from execution.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/program.h"
#include "core/runtime/run_result.h"
#include "core/runtime/run_state.h"
#include "core/runtime/tape.h"

namespace bf {

struct CompileOptions {
  // Count steps against RunState::budget (needed for --max-steps and --timeout). Off by default:
  // benchmarks measure code without the check.
  bool count_steps = false;
  // Engines that run another program to compile (cc) stop it after this many seconds and fail
  // with a CompileError naming the limit; 0 means the engine's default, proportionate to the
  // program (see `bfbench run --help`).
  double compile_timeout_seconds = 0;
  // The most bytes of machine code a JIT may generate; more is a CompileError saying so, not an
  // out-of-memory kill (`bfbench run --max-code-size`).
  uint64_t max_code_bytes = uint64_t{1} << 30;
  // JITs append their code's symbols, one per op, to /tmp/perf-PID.map for `perf report`
  // (`bfbench run --perf-map`; engines/jit/perf_map.h).
  bool perf_map = false;
};

// Generated machine code, for `bfbench asm`: the bytes, the address they run at, and where each
// op's code starts (op_offsets[i] = byte offset of op i's first instruction; empty after
// Engine::compile_owned).
struct MachineCode {
  std::span<const uint8_t> bytes;
  uint64_t address = 0;
  std::vector<uint32_t> op_offsets;
};

class Executable {
 public:
  virtual ~Executable() = default;
  // Runs from the tape's cell 0 with the tape as given (callers pass a zeroed tape). Never throws:
  // traps and limits come back in the result. Output may remain in state's buffer; the caller
  // flushes it.
  virtual RunResult run(Tape& tape, RunState& state) = 0;
  // Bytes of generated code (0 for interpreters).
  virtual size_t code_bytes() const { return 0; }
  virtual std::optional<MachineCode> machine_code() const { return std::nullopt; }
};

class Engine {
 public:
  virtual ~Engine() = default;
  // Throws CompileError when code cannot be generated (a library error, no C compiler, ...).
  virtual std::unique_ptr<Executable> compile(const Program& program,
                                              const CompileOptions& options) const = 0;
  // compile() for a caller with no further use for the program (`bfbench run`): an engine that
  // runs the ops takes them over instead of copying them (naive), one that translates them lets
  // them go as soon as its own form exists (threaded, the JITs), so a run never holds the program
  // beside a copy or translation of it. By default: compile, then drop the program. The result's
  // machine_code() may leave op_offsets empty: there are no ops left for them to name.
  virtual std::unique_ptr<Executable> compile_owned(Program program,
                                                    const CompileOptions& options) const {
    return compile(program, options);
  }
};

struct CompileError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace bf
