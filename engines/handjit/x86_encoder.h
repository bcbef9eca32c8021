// X86Encoder: encodes the few x86-64 instructions the JIT needs -- REX prefixes, ModRM, SIB,
// disp8/disp32, imm8/imm32/imm64, rel8/rel32 -- into a CodeBuffer. No labels here (labels.h).
#pragma once

#include <cstdint>

#include "engines/handjit/code_buffer.h"

namespace bf::handjit {

// Register numbers as the hardware encodes them; bit 3 goes into a REX prefix.
enum class Reg : uint8_t {
  kRax, kRcx, kRdx, kRbx, kRsp, kRbp, kRsi, kRdi,
  kR8, kR9, kR10, kR11, kR12, kR13, kR14, kR15,
};

// [base + index + disp] with scale 1; `has_index` false means [base + disp].
struct Mem {
  Reg base;
  int32_t disp = 0;
  bool has_index = false;
  Reg index = Reg::kRax;
};

inline Mem at(Reg base, int32_t disp = 0) { return Mem{base, disp}; }
inline Mem at(Reg base, Reg index) { return Mem{base, 0, true, index}; }

// Condition codes (the low nibble of Jcc's opcode).
enum class Cond : uint8_t {
  kBelow = 0x2,         // jb   (unsigned <)
  kAboveOrEqual = 0x3,  // jae  (unsigned >=)
  kEqual = 0x4,         // je / jz
  kNotEqual = 0x5,      // jne / jnz
  kLess = 0xC,          // jl   (signed <)
};

// Byte registers are named by the 64-bit register they belong to (kRax = al, kRcx = cl, kR8 =
// r8b). Only al, cl and r8b..r15b are used: the first two encode the same with or without a REX
// prefix, the others always get one (so spl/bpl/sil/dil vs ah/ch/dh/bh never matters).
class X86Encoder {
 public:
  explicit X86Encoder(CodeBuffer& out) : out_(out) {}

  size_t size() const { return out_.size(); }

  void push(Reg r);                                  // push r64          [REX.B] 50+r
  void pop(Reg r);                                   // pop r64           [REX.B] 58+r
  void ret();                                        // ret               C3
  void mov(Reg dst, Reg src);                        // mov r64, r64      REX.W 89 /r
  void mov_imm64(Reg dst, uint64_t imm);             // mov r64, imm64    REX.W B8+r io
  void mov_imm32(Reg dst, uint32_t imm);             // mov r32, imm32    [REX.B] B8+r id
  void mov_load(Reg dst, const Mem& m);              // mov r64, [m]      REX.W 8B /r
  void mov_store(const Mem& m, Reg src);             // mov [m], r64      REX.W 89 /r
  void mov_store8(const Mem& m, Reg src);            // mov [m], r8       [REX] 88 /r
  void mov_store8_imm(const Mem& m, uint8_t imm);    // mov byte [m], imm8  [REX] C6 /0 ib
  void movzx_load8(Reg dst, const Mem& m);           // movzx r32, byte [m]  [REX] 0F B6 /r
  void add8_imm(const Mem& m, uint8_t imm);          // add byte [m], imm8   [REX] 80 /0 ib
  void add8(const Mem& m, Reg src);                  // add [m], r8       [REX] 00 /r
  void sub8(const Mem& m, Reg src);                  // sub [m], r8       [REX] 28 /r
  void cmp8_imm(const Mem& m, uint8_t imm);          // cmp byte [m], imm8   [REX] 80 /7 ib
  void add_imm(Reg dst, int32_t imm);                // add r64, imm      REX.W 83 /0 ib | 81 /0 id
  void lock_sub64_imm8(const Mem& m, int8_t imm);    // lock sub qword [m], imm8  F0 REX.W 83 /5 ib
  void mov32(Reg dst, Reg src);                      // mov r32, r32      [REX] 89 /r
  void add8_imm(Reg dst, uint8_t imm);               // add r8, imm8      [REX] 80 /0 ib (al: 04 ib)
  void add8(Reg dst, Reg src);                       // add r8, r8        [REX] 00 /r
  void sub8(Reg dst, Reg src);                       // sub r8, r8        [REX] 28 /r
  void test8(Reg a, Reg b);                          // test r8, r8       [REX] 84 /r
  void cmp(Reg a, Reg b);                            // cmp r64, r64      REX.W 39 /r
  void cmp_load(Reg a, const Mem& m);                // cmp r64, [m]      REX.W 3B /r
  void test32(Reg a, Reg b);                         // test r32, r32     [REX] 85 /r
  void imul32_imm8(Reg dst, Reg src, int8_t imm);    // imul r32, r32, imm8  [REX] 6B /r ib
  void lea(Reg dst, const Mem& m);                   // lea r64, [m]      REX.W 8D /r
  void call(Reg target);                             // call r64          [REX.B] FF /2

  // Jumps with the displacement given; rel is relative to the end of the instruction. The *_rel32
  // forms return the buffer position of their rel32 field, for backpatching.
  void jmp_rel8(int8_t rel);                         // jmp rel8          EB cb
  size_t jmp_rel32(int32_t rel);                     // jmp rel32         E9 cd
  void jcc_rel8(Cond cc, int8_t rel);                // jcc rel8          70+cc cb
  size_t jcc_rel32(Cond cc, int32_t rel);            // jcc rel32         0F 80+cc cd

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

  CodeBuffer& out_;
};

}  // namespace bf::handjit
