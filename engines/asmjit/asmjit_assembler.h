// AsmjitAssembler: the JIT's instructions (engines/jit/assembler.h) written with AsmJit's
// x86::Assembler; the prologue and epilogue come from a FuncFrame, the argument moves from
// FuncArgsAssignment.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include <asmjit/x86.h>

#include "engines/asmjit/asmjit_errors.h"
#include "engines/jit/assembler.h"

namespace bf::asmjit {

// Assembles into a CodeHolder's .text buffer -- ordinary heap memory, never executable; no
// JitRuntime (whose JitAllocator maps read-write-execute by default): the engine copies the
// finished bytes into a dual-mapped JitAllocator (dual_mapped_code.h). Library errors are recorded
// as they happen and thrown as CompileError by finish() (or at once, for set-up calls).
class AsmjitAssembler final : public jit::Assembler {
 public:
  // `expected_bytes` reserves the code buffer up front (it grows when exceeded).
  explicit AsmjitAssembler(size_t expected_bytes);
  AsmjitAssembler(const AsmjitAssembler&) = delete;
  AsmjitAssembler& operator=(const AsmjitAssembler&) = delete;

  jit::Label new_label() override;
  void bind(jit::Label label) override;
  uint32_t offset() const override;
  void jmp(jit::Label label) override;
  void jcc(jit::Cond cc, jit::Label label) override;
  void jcc_short(jit::Cond cc, jit::Label label) override;

  // The frame from AsmJit's FuncFrame: the same pushes and argument moves as the shape's own,
  // plus one instruction on the way out (see the .cpp).
  void prologue() override;
  void epilogue() override;

  void push(jit::Reg r) override;
  void pop(jit::Reg r) override;
  void ret() override;
  void mov(jit::Reg dst, jit::Reg src) override;
  void mov32(jit::Reg dst, jit::Reg src) override;
  void mov_imm32(jit::Reg dst, uint32_t imm) override;
  void mov_imm64(jit::Reg dst, uint64_t imm) override;
  void mov_load(jit::Reg dst, const jit::Mem& m) override;
  void mov_store(const jit::Mem& m, jit::Reg src) override;
  void mov_store8(const jit::Mem& m, jit::Reg src) override;
  void mov_store8_imm(const jit::Mem& m, uint8_t imm) override;
  void movzx_load8(jit::Reg dst, const jit::Mem& m) override;
  void lea(jit::Reg dst, const jit::Mem& m) override;
  void add_imm(jit::Reg dst, int32_t imm) override;
  void add8_imm(const jit::Mem& m, uint8_t imm) override;
  void add8_imm(jit::Reg dst, uint8_t imm) override;
  void add8(const jit::Mem& m, jit::Reg src) override;
  void add8(jit::Reg dst, jit::Reg src) override;
  void sub8(const jit::Mem& m, jit::Reg src) override;
  void sub8(jit::Reg dst, jit::Reg src) override;
  void imul32_imm8(jit::Reg dst, jit::Reg src, int8_t imm) override;
  void imul32(jit::Reg dst, jit::Reg src) override;
  void lock_sub64_imm8(const jit::Mem& m, int8_t imm) override;
  void cmp(jit::Reg a, jit::Reg b) override;
  void cmp_load(jit::Reg a, const jit::Mem& m) override;
  void cmp8_imm(const jit::Mem& m, uint8_t imm) override;
  void test32(jit::Reg a, jit::Reg b) override;
  void test8(jit::Reg a, jit::Reg b) override;
  void call(jit::Reg target) override;

  // Checks that emitting succeeded, every label was bound and nothing needs relocating, and
  // returns the finished, position-independent code.
  std::span<const uint8_t> finish() override;

 private:
  FirstErrorRecorder errors_;
  ::asmjit::CodeHolder code_;
  ::asmjit::x86::Assembler a_;
  ::asmjit::FuncFrame frame_;  // set by prologue(), read by epilogue()
  std::vector<::asmjit::Label> labels_;
};

}  // namespace bf::asmjit
