// XbyakAssembler: the JIT's instructions (engines/jit/assembler.h) written with xbyak's asm-like C++.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <span>
#include <vector>

#include <xbyak/xbyak.h>

#include "engines/jit/assembler.h"

namespace bf::xbyak {

// A CodeGenerator that only assembles: its buffer grows as needed (AutoGrow, so no 4 KiB limit)
// and is plain heap memory that never becomes executable -- the finished bytes are copied into
// engines/jit's CodeMemory, which is sealed read-execute. Throws Xbyak::Error on a library error;
// the engine translates it into CompileError.
class XbyakAssembler final : public jit::Assembler {
 public:
  // `expected_bytes` sizes the first buffer (it doubles when exceeded).
  explicit XbyakAssembler(size_t expected_bytes);

  jit::Label new_label() override;
  void bind(jit::Label label) override;
  uint32_t offset() const override;
  void jmp(jit::Label label) override;
  void jcc(jit::Cond cc, jit::Label label) override;
  void jcc_short(jit::Cond cc, jit::Label label) override;

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

  // Resolves every jump (readyRE(), which with our allocator changes no protection) and returns
  // the finished, position-independent code.
  std::span<const uint8_t> finish() override;

 private:
  // A jump to a label already bound may be short (xbyak picks rel8 when it fits); one to a label
  // still ahead is always rel32, as the shape requires (and AutoGrow cannot relax it later).
  Xbyak::CodeGenerator::LabelType reach(jit::Label label) const;
  void conditional(jit::Cond cc, jit::Label label, Xbyak::CodeGenerator::LabelType type);

  Xbyak::CodeGenerator code_;
  std::deque<Xbyak::Label> labels_;  // a deque: xbyak tracks each Label by address
  std::vector<bool> bound_;
};

}  // namespace bf::xbyak
