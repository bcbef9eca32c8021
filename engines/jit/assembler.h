// Assembler: the x86-64 instructions the JIT code shape is made of, one method per instruction
// form. A back end (handjit's own encoder, xbyak, AsmJit) implements this interface and nothing
// else; code_shape.h composes the instructions into sequences and lowering.h decides which
// sequence each op gets -- so the three JITs emit the same bytes by construction.
#pragma once

#include <cstdint>
#include <span>

namespace bf::jit {

// Register numbers as the hardware encodes them (bit 3 goes into a REX prefix). Register roles
// in generated code are listed once, in jit_abi.h.
enum class Reg : uint8_t {
  kRax, kRcx, kRdx, kRbx, kRsp, kRbp, kRsi, kRdi,
  kR8, kR9, kR10, kR11, kR12, kR13, kR14, kR15,
};

// [base + disp], or [base + index * 2^shift] when `has_index`.
struct Mem {
  Reg base;
  int32_t disp = 0;
  bool has_index = false;
  Reg index = Reg::kRax;
  uint8_t shift = 0;  // 0..3: scale 1, 2, 4, 8
};

inline Mem at(Reg base, int32_t disp = 0) { return Mem{base, disp}; }
inline Mem at(Reg base, Reg index, uint8_t shift = 0) { return Mem{base, 0, true, index, shift}; }

// Condition codes (the low nibble of Jcc's opcode).
enum class Cond : uint8_t {
  kBelow = 0x2,         // jb   (unsigned <)
  kAboveOrEqual = 0x3,  // jae  (unsigned >=)
  kEqual = 0x4,         // je / jz
  kNotEqual = 0x5,      // jne / jnz
  kLess = 0xC,          // jl   (signed <)
};

// A jump target, handed out by the back end (an index into its own label table).
using Label = uint32_t;

// Byte registers are named by the 64-bit register they belong to (kRax = al, kRcx = cl, kR8 =
// r8b); the shape uses only al, cl and r8b..r11b, which encode the same in every back end.
// Immediates and displacements take the shortest encoding (imm8/disp8 when they fit), except
// mov_imm64, which is always the ten-byte movabs.
//
// Jumps: to a label already bound, rel8 when it fits, else rel32; to a label not yet bound,
// always rel32 (no relaxation pass) -- except jcc_short, whose label the caller promises to bind
// within 127 bytes.
class Assembler {
 public:
  virtual ~Assembler() = default;

  virtual Label new_label() = 0;
  virtual void bind(Label label) = 0;
  // Bytes emitted so far: where the next instruction will start.
  virtual uint32_t offset() const = 0;
  virtual void jmp(Label label) = 0;                       // jmp label
  virtual void jcc(Cond cc, Label label) = 0;              // jcc label
  virtual void jcc_short(Cond cc, Label label) = 0;        // jcc rel8 to a label just ahead

  // The function frame. The default is the shape's (CODE_SHAPE.md) built from the instructions
  // below; a library may build it its own way (AsmJit's FuncFrame) as long as rsp stays 16-byte
  // aligned in the body and the registers of jit_abi.h hold what they should.
  //   push rbp; mov rbp, rsp; push rbx; push r12; push r13; push r14
  //   mov rbx, rdi; mov r13, rdi; mov r12, rsi; mov r14, rdx
  virtual void prologue();
  //   pop r14; pop r13; pop r12; pop rbx; pop rbp; ret
  virtual void epilogue();

  virtual void push(Reg r) = 0;                            // push r64
  virtual void pop(Reg r) = 0;                             // pop r64
  virtual void ret() = 0;                                  // ret
  virtual void mov(Reg dst, Reg src) = 0;                  // mov r64, r64
  virtual void mov32(Reg dst, Reg src) = 0;                // mov r32, r32
  virtual void mov_imm32(Reg dst, uint32_t imm) = 0;       // mov r32, imm32
  virtual void mov_imm64(Reg dst, uint64_t imm) = 0;       // mov r64, imm64 (movabs)
  virtual void mov_load(Reg dst, const Mem& m) = 0;        // mov r64, qword [m]
  virtual void mov_store(const Mem& m, Reg src) = 0;       // mov qword [m], r64
  virtual void mov_store8(const Mem& m, Reg src) = 0;      // mov byte [m], r8
  virtual void mov_store8_imm(const Mem& m, uint8_t imm) = 0;  // mov byte [m], imm8
  virtual void movzx_load8(Reg dst, const Mem& m) = 0;     // movzx r32, byte [m]
  virtual void lea(Reg dst, const Mem& m) = 0;             // lea r64, [m]

  virtual void add_imm(Reg dst, int32_t imm) = 0;          // add r64, imm
  virtual void add8_imm(const Mem& m, uint8_t imm) = 0;    // add byte [m], imm8
  virtual void add8_imm(Reg dst, uint8_t imm) = 0;         // add r8, imm8
  virtual void add8(const Mem& m, Reg src) = 0;            // add byte [m], r8
  virtual void add8(Reg dst, Reg src) = 0;                 // add r8, r8
  virtual void sub8(const Mem& m, Reg src) = 0;            // sub byte [m], r8
  virtual void sub8(Reg dst, Reg src) = 0;                 // sub r8, r8
  virtual void imul32_imm8(Reg dst, Reg src, int8_t imm) = 0;  // imul r32, r32, imm8
  virtual void imul32(Reg dst, Reg src) = 0;               // imul r32, r32
  virtual void lock_sub64_imm8(const Mem& m, int8_t imm) = 0;  // lock sub qword [m], imm8

  virtual void cmp(Reg a, Reg b) = 0;                      // cmp r64, r64
  virtual void cmp_load(Reg a, const Mem& m) = 0;          // cmp r64, qword [m]
  virtual void cmp8_imm(const Mem& m, uint8_t imm) = 0;    // cmp byte [m], imm8
  virtual void test32(Reg a, Reg b) = 0;                   // test r32, r32
  virtual void test8(Reg a, Reg b) = 0;                    // test r8, r8
  virtual void call(Reg target) = 0;                       // call r64

  // Resolves every jump and returns the finished, position-independent code, valid while the
  // assembler lives. Throws CompileError when the back end reports a problem.
  virtual std::span<const uint8_t> finish() = 0;
};

}  // namespace bf::jit
