#include "engines/jit/jit_engine.h"

#include <cstdint>
#include <limits>
#include <utility>

#include "engines/jit/jit_executable.h"
#include "engines/jit/lowering.h"
#include "engines/jit/perf_map.h"

namespace bf::jit {

namespace {

// Typical code size per op at O3 is 6-10 bytes; a generous guess avoids growing the buffer.
constexpr size_t kBytesPerOpGuess = 16;
constexpr size_t kFixedBytes = 256;  // prologue, epilogue, exit stubs

}  // namespace

std::unique_ptr<Executable> JitEngine::compile(const Program& program,
                                               const CompileOptions& options) const {
  return generate(program, options, nullptr);
}

std::unique_ptr<Executable> JitEngine::compile_owned(Program program,
                                                     const CompileOptions& options) const {
  return generate(program, options, &program);
}

std::unique_ptr<Executable> JitEngine::generate(const Program& program,
                                                const CompileOptions& options,
                                                Program* owned) const {
  const std::unique_ptr<Assembler> assembler =
      make_assembler(program.ops.size() * kBytesPerOpGuess + kFixedBytes);
  // A caller that gave the program up cannot ask which op a byte of code belongs to; only the perf
  // map, written here, still needs that (and the ops, to name them).
  const bool keeps_ops = owned == nullptr || options.perf_map;
  CodeLayout layout = lower(program, options, *assembler,
                            {.record_op_offsets = keeps_ops, .consume_program = !keeps_ops});
  const std::span<const uint8_t> code = assembler->finish();
  if (code.size() > static_cast<size_t>(std::numeric_limits<int32_t>::max())) {
    throw CompileError(name_ + ": generated code exceeds 2 GiB (rel32 jumps cannot span it)");
  }
  if (owned != nullptr && !options.perf_map) *owned = Program{};  // the perf map names the ops
  std::unique_ptr<const ExecutableCode> installed = install(code);
  if (options.perf_map) {
    const std::span<const uint8_t> running = installed->bytes();
    append_perf_map(name_, program, layout.op_offsets, reinterpret_cast<uint64_t>(running.data()),
                    running.size());
  }
  return std::make_unique<JitExecutable>(std::move(installed), std::move(layout));
}

std::unique_ptr<const ExecutableCode> JitEngine::install(std::span<const uint8_t> code) const {
  return sealed_copy(code);
}

}  // namespace bf::jit
