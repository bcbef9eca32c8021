// JitEngine: the Engine every JIT is, written once. compile() sizes a buffer, has lowering.h
// drive the back end's Assembler, finishes the code, checks its size, installs it where it can
// run and wraps it as a JitExecutable. A back end supplies its Assembler and, when it keeps code
// in memory of its own (asmjit), how it installs it.
#pragma once

#include <cstddef>
#include <memory>
#include <span>
#include <string>

#include "core/engine.h"
#include "engines/jit/assembler.h"
#include "engines/jit/executable_code.h"

namespace bf::jit {

class JitEngine : public Engine {
 public:
  explicit JitEngine(std::string name) : name_(std::move(name)) {}

  std::unique_ptr<Executable> compile(const Program& program,
                                      const CompileOptions& options) const override;
  std::unique_ptr<Executable> compile_owned(Program program,
                                            const CompileOptions& options) const override;

 protected:
  // A fresh assembler whose buffer starts with room for `expected_bytes`.
  virtual std::unique_ptr<Assembler> make_assembler(size_t expected_bytes) const = 0;
  // Where finished, position-independent code runs from: by default a read-execute copy in our
  // own sealed pages (code_memory.h).
  virtual std::unique_ptr<const ExecutableCode> install(std::span<const uint8_t> code) const;

 private:
  // compile(); with `owned` (the program itself, given up by the caller) the ops are freed once
  // lowered, before the code is copied to where it runs, so the two never coexist.
  std::unique_ptr<Executable> generate(const Program& program, const CompileOptions& options,
                                       Program* owned) const;

  std::string name_;
};

// The engine of a back end that needs nothing but its Assembler (constructed from the expected
// size); subclass it to add more (xbyak's error translation, asmjit's own code memory).
template <typename BackendAssembler>
class JitEngineOf : public JitEngine {
 public:
  using JitEngine::JitEngine;

 protected:
  std::unique_ptr<Assembler> make_assembler(size_t expected_bytes) const override {
    return std::make_unique<BackendAssembler>(expected_bytes);
  }
};

}  // namespace bf::jit
