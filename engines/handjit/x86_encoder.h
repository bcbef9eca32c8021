// X86Encoder: handjit's Assembler -- encodes the few x86-64 instructions the JIT code shape needs
// (REX prefixes, ModRM, SIB, disp8/disp32, imm8/imm32/imm64, rel8/rel32) into its CodeBuffer, and
// resolves jumps to labels (labels.h) when the code is finished.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "engines/handjit/code_buffer.h"
#include "engines/handjit/labels.h"
#include "engines/jit/assembler.h"

namespace bf::handjit {

using jit::at;
using jit::Cond;
using jit::Mem;
using jit::Reg;

// Byte registers are named by the 64-bit register they belong to (kRax = al, kRcx = cl, kR8 =
// r8b). Only al, cl and r8b..r15b are used: the first two encode the same with or without a REX
// prefix, the others always get one (so spl/bpl/sil/dil vs ah/ch/dh/bh never matters).
class X86Encoder final : public jit::Assembler {
 public:
  // `expected_bytes` sizes the buffer up front (no reallocation while emitting, usually).
  explicit X86Encoder(size_t expected_bytes = 0);

  size_t size() const { return out_.size(); }
  // The bytes so far (jumps to labels still ahead not yet filled in: see finish()).
  std::span<const uint8_t> bytes() const { return out_.bytes(); }

  jit::Label new_label() override;
  void bind(jit::Label label) override;
  uint32_t offset() const override { return static_cast<uint32_t>(out_.size()); }
  void jmp(jit::Label label) override;
  void jcc(Cond cc, jit::Label label) override;
  void jcc_short(Cond cc, jit::Label label) override;
  // Resolves every jump to a label that was still ahead; throws std::logic_error if one was
  // never bound.
  std::span<const uint8_t> finish() override;

  void push(Reg r) override;                              // push r64          [REX.B] 50+r
  void pop(Reg r) override;                               // pop r64           [REX.B] 58+r
  void ret() override;                                    // ret               C3
  void mov(Reg dst, Reg src) override;                    // mov r64, r64      REX.W 89 /r
  void mov_imm64(Reg dst, uint64_t imm) override;         // mov r64, imm64    REX.W B8+r io
  void mov_imm32(Reg dst, uint32_t imm) override;         // mov r32, imm32    [REX.B] B8+r id
  void mov_load(Reg dst, const Mem& m) override;          // mov r64, [m]      REX.W 8B /r
  void mov_store(const Mem& m, Reg src) override;         // mov [m], r64      REX.W 89 /r
  void mov_store8(const Mem& m, Reg src) override;        // mov [m], r8       [REX] 88 /r
  void mov_store8_imm(const Mem& m, uint8_t imm) override;// mov byte [m], imm8  [REX] C6 /0 ib
  void movzx_load8(Reg dst, const Mem& m) override;       // movzx r32, byte [m]  [REX] 0F B6 /r
  void add8_imm(const Mem& m, uint8_t imm) override;      // add byte [m], imm8   [REX] 80 /0 ib
  void add8(const Mem& m, Reg src) override;              // add [m], r8       [REX] 00 /r
  void sub8(const Mem& m, Reg src) override;              // sub [m], r8       [REX] 28 /r
  void cmp8_imm(const Mem& m, uint8_t imm) override;      // cmp byte [m], imm8   [REX] 80 /7 ib
  // add r64, imm: REX.W 83 /0 ib, or REX.W 81 /0 id when imm does not fit a byte
  void add_imm(Reg dst, int32_t imm) override;
  // lock sub qword [m], imm8: F0 REX.W 83 /5 ib
  void lock_sub64_imm8(const Mem& m, int8_t imm) override;
  void mov32(Reg dst, Reg src) override;                  // mov r32, r32      [REX] 89 /r
  // add r8, imm8: [REX] 80 /0 ib (al: 04 ib)
  void add8_imm(Reg dst, uint8_t imm) override;
  void add8(Reg dst, Reg src) override;                   // add r8, r8        [REX] 00 /r
  void sub8(Reg dst, Reg src) override;                   // sub r8, r8        [REX] 28 /r
  void test8(Reg a, Reg b) override;                      // test r8, r8       [REX] 84 /r
  void cmp(Reg a, Reg b) override;                        // cmp r64, r64      REX.W 39 /r
  void cmp_load(Reg a, const Mem& m) override;            // cmp r64, [m]      REX.W 3B /r
  void test32(Reg a, Reg b) override;                     // test r32, r32     [REX] 85 /r
  void imul32_imm8(Reg dst, Reg src, int8_t imm) override;// imul r32, r32, imm8  [REX] 6B /r ib
  void imul32(Reg dst, Reg src) override;                 // imul r32, r32     [REX] 0F AF /r
  void lea(Reg dst, const Mem& m) override;               // lea r64, [m]      REX.W 8D /r
  void call(Reg target) override;                         // call r64          [REX.B] FF /2

  // Jumps with the displacement given; rel is relative to the end of the instruction. The *_rel32
  // forms return the buffer position of their rel32 field, for backpatching.
  void jmp_rel8(int8_t rel);                              // jmp rel8          EB cb
  size_t jmp_rel32(int32_t rel);                          // jmp rel32         E9 cd
  void jcc_rel8(Cond cc, int8_t rel);                     // jcc rel8          70+cc cb
  size_t jcc_rel32(Cond cc, int32_t rel);                 // jcc rel32         0F 80+cc cd

  // Instruction lengths the label code needs to compute backward displacements.
  static constexpr int kJmpRel8Bytes = 2;
  static constexpr int kJmpRel32Bytes = 5;
  static constexpr int kJccRel8Bytes = 2;
  static constexpr int kJccRel32Bytes = 6;

 private:
  // REX (0100WRXB) when any bit is needed; `reg` is the ModRM.reg operand, the r/m operand is
  // either the memory operand `m` or the register `rm_reg`.
  void rex(bool w, uint8_t reg, const Mem* m, uint8_t rm_reg);
  void rex_for(bool w, uint8_t reg, const Mem& m) { rex(w, reg, &m, 0); }
  void rex_for(bool w, uint8_t reg, Reg rm) { rex(w, reg, nullptr, static_cast<uint8_t>(rm)); }
  // ModRM (+ SIB + displacement) for a memory operand, with `reg` in ModRM.reg.
  void modrm_mem(uint8_t reg, const Mem& m);
  // ModRM for a register operand (mod = 11).
  void modrm_reg(uint8_t reg, Reg rm);
  // The shape most instructions share: [REX] one opcode byte, then ModRM with `reg` in its reg
  // field and the register `rm` (mod = 11) or the memory operand `m` as r/m.
  void reg_rm(bool w, uint8_t opcode, uint8_t reg, Reg rm);
  void reg_mem(bool w, uint8_t opcode, uint8_t reg, const Mem& m);

  // jcc/jmp to `label`: rel8 back to a bound label when it fits, else rel32 (backpatched later if
  // the label is still ahead). No condition means jmp.
  void jump_to(std::optional<Cond> cc, jit::Label label);

  CodeBuffer out_;
  LabelTable labels_;
};

}  // namespace bf::handjit
