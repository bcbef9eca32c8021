// CodeShape: the instruction sequences of CODE_SHAPE.md, written once over an Assembler. The
// lowering (lowering.h) says which sequence each op gets; this says what each sequence is, down to
// the instruction form (a MulAdd by 1 is an add of cl, by 255 a sub, otherwise an imul) -- so
// the three JITs differ only in how their Assembler encodes the instructions.
#pragma once

#include <cstdint>

#include "core/runtime/zero_scan.h"
#include "engines/jit/assembler.h"
#include "engines/jit/jit_abi.h"

namespace bf::jit {

// Which end of the tape a bounds check compares with.
enum class TapeEnd : uint8_t { kBegin, kEnd };

// A cell held in a register: cell register `slot` is r8+slot (r8..r11), holding the cell's byte
// zero-extended. Fixed regions (fixed_regions.h) keep their cells there for a whole loop nest;
// elsewhere CellRegisters keeps cells that are read twice.
struct CellRegister {
  int slot;
  bool operator==(const CellRegister&) const = default;
};
inline constexpr int kCellRegisters = 4;

// `disp` is a cell offset from p (rbx).
class CodeShape {
 public:
  explicit CodeShape(Assembler& assembler) : a_(assembler) {}

  Label new_label() { return a_.new_label(); }
  void bind(Label label) { a_.bind(label); }
  uint32_t offset() const { return a_.offset(); }

  void prologue() { a_.prologue(); }
  void epilogue() { a_.epilogue(); }
  // mov eax, kind
  void set_exit_code(ExitKind kind);
  // mov rdx, rax; mov rax, imm64 (site << kExitSiteShift | kExitChecked)
  // (rax holds the rejected address, left there by jump_if_off_tape)
  void set_checked_exit(uint32_t site);
  // jmp label
  void jump(Label label) { a_.jmp(label); }
  // je label / jne label
  void jump_if_zero(Label label) { a_.jcc(Cond::kEqual, label); }
  void jump_if_nonzero(Label label) { a_.jcc(Cond::kNotEqual, label); }

  // add byte [rbx + disp], amount          (also for amount 0: the access itself may trap)
  void add(int32_t disp, uint8_t amount);
  // add r8b+slot, amount
  void add(CellRegister cell, uint8_t amount);
  // mov byte [rbx + disp], value
  void set(int32_t disp, uint8_t value);
  // mov r8d+slot, value
  void set(CellRegister cell, uint8_t value);
  // add rbx, distance
  void move(int32_t distance);
  // movzx r8d+slot, byte [rbx + disp]
  void load(CellRegister cell, int32_t disp);
  // mov byte [rbx + disp], r8b+slot
  void store(CellRegister cell, int32_t disp);

  // movzx eax, byte [rbx + disp]
  // mov rcx, [r12 + out_buffer]; mov rdx, [r12 + out_length]; mov [rcx + rdx], al
  // add rdx, 1; mov [r12 + out_length], rdx; cmp rdx, [r12 + out_capacity]; jne .done
  // mov rdi, r12; mov rax, bf_flush_output; call rax
  // .done:
  void output(int32_t disp);
  // movzx esi, byte [rbx + disp]; mov rdi, r12; mov rax, bf_read_input; call rax
  // mov byte [rbx + disp], al
  void input(int32_t disp);

  // lock sub qword [r12 + budget], 1; jl step_exit   (jl: the value before was <= 0)
  void count_step(Label step_exit);
  // cmp byte [rbx + disp], value   (value 0: the zero test of loops and scans)
  void test(int32_t disp, uint8_t value = 0);
  // test r8b+slot, r8b+slot
  void test(CellRegister cell);

  // MulAdd: the counter goes into ecx, then each target gets counter * factor.
  // movzx ecx, byte [rbx + disp]
  void load_counter(int32_t disp);
  // mov ecx, r8d+slot
  void load_counter(CellRegister cell);
  // test ecx, ecx
  void test_counter();
  // [imul eax, ecx, imm8(factor) unless factor is 1 or 255;] movzx edx, byte [rbx + disp];
  // add dl, cl/al (factor 255: sub dl, cl); mov byte [rbx + disp], dl
  void mul_add(int32_t disp, uint8_t factor);
  // factor 1: add r8b+slot, cl; factor 255: sub r8b+slot, cl; otherwise imul eax, ecx,
  // imm8(factor); add r8b+slot, al
  void mul_add(CellRegister cell, uint8_t factor);
  // A MulAdd on a target whose value is known, without reading it (the same value when ecx is 0):
  // factor 1, base 0:  mov byte [rbx + disp], cl
  // otherwise:         imul eax, ecx, imm8(factor); [add al, base;] mov byte [rbx + disp], al
  void store_product(int32_t disp, uint8_t factor, uint8_t base);

  // Product: the first factor is the counter (load_counter, test_counter), then
  // movzx eax, byte [rbx + disp]; test eax, eax
  void load_second_factor(int32_t disp);
  // imul ecx, eax   (then mul_add by the factor: only the low byte matters)
  void multiply_counter_by_second();

  // p = scan(p + first, tape begin, tape end, argument) (core/runtime/zero_scan.h; the argument
  // is a zero scan's stride or a seek's value):
  // lea rdi, [rbx + first]; mov rsi, r13; mov rdx, r14; mov ecx, argument; mov rax, scan; call rax
  // mov rbx, rax
  void scan_call(int32_t first, int32_t argument, ZeroScan scan);
  // begin: lea rax, [rbx + disp]; cmp rax, r13; jb label     (p + disp is left of the tape)
  // end:   lea rax, [rbx + disp]; cmp rax, r14; jae label    (p + disp is past the tape)
  void jump_if_off_tape(int32_t disp, TapeEnd end, Label label);

 private:
  // mov rax, function; call rax   (the code may run anywhere: no rel32 call to C++)
  void call_absolute(const void* function);
  // The byte register holding counter * factor: cl itself for factor 1, else al after
  // imul eax, ecx, imm8(factor) -- only the product's low byte matters.
  Reg product(uint8_t factor);

  Assembler& a_;
};

}  // namespace bf::jit
