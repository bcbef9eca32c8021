#include "engines/jit/jit_engine.h"

#include <cstdint>
#include <limits>
#include <utility>

#include "engines/jit/jit_executable.h"
#include "engines/jit/lowering.h"

namespace bf::jit {

namespace {

// Typical code size per op at O3 is 6-10 bytes; a generous guess avoids growing the buffer.
constexpr size_t kBytesPerOpGuess = 16;
constexpr size_t kFixedBytes = 256;  // prologue, epilogue, exit stubs

}  // namespace

std::unique_ptr<Executable> JitEngine::compile(const Program& program,
                                               const CompileOptions& options) const {
  const std::unique_ptr<Assembler> assembler =
      make_assembler(program.ops.size() * kBytesPerOpGuess + kFixedBytes);
  CodeLayout layout = lower(program, options, *assembler);
  const std::span<const uint8_t> code = assembler->finish();
  if (code.size() > static_cast<size_t>(std::numeric_limits<int32_t>::max())) {
    throw CompileError(name_ + ": generated code exceeds 2 GiB (rel32 jumps cannot span it)");
  }
  return std::make_unique<JitExecutable>(install(code), std::move(layout));
}

std::unique_ptr<const ExecutableCode> JitEngine::install(std::span<const uint8_t> code) const {
  return sealed_copy(code);
}

}  // namespace bf::jit
