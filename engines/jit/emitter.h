// Emitter: the instruction sequences a JIT back end must provide; lowering.h decides which to
// emit, so handjit, xbyak and asmjit produce the same code and differ only in how they encode it.
#pragma once

#include <cstdint>

#include "engines/jit/jit_abi.h"

namespace bf::jit {

// A jump target, handed out by the back end (an index into its own label table).
using Label = uint32_t;

// Which end of the tape a bounds check compares with.
enum class TapeEnd : uint8_t { kBegin, kEnd };

// Each primitive lists, in its comment, the exact instructions it stands for (CODE_SHAPE.md has the
// rationale). `disp` is a cell offset from p (rbx); encode it as disp8 when it fits, else disp32.
// Jumps to a label already bound use rel8 when it fits, else rel32; jumps to a label not yet
// bound always use rel32 (no relaxation pass).
class Emitter {
 public:
  virtual ~Emitter() = default;

  virtual Label new_label() = 0;
  virtual void bind(Label label) = 0;
  // Bytes emitted so far: where the next instruction will start.
  virtual uint32_t offset() const = 0;

  // push rbp; mov rbp, rsp; push rbx; push r12; push r13; push r14
  // mov rbx, rdi; mov r13, rdi; mov r12, rsi; mov r14, rdx
  virtual void prologue() = 0;
  // pop r14; pop r13; pop r12; pop rbx; pop rbp; ret
  virtual void epilogue() = 0;
  // mov eax, kind
  virtual void set_exit_code(ExitKind kind) = 0;
  // mov rdx, rax; mov rax, imm64 (site << kExitSiteShift | kExitChecked)
  // (rax holds the rejected address, left there by check_bounds)
  virtual void set_checked_exit(uint32_t site) = 0;
  // jmp label
  virtual void jump(Label label) = 0;

  // add byte [rbx + disp], amount          (also for amount 0: the access itself may trap)
  virtual void add(int32_t disp, uint8_t amount) = 0;
  // mov byte [rbx + disp], value
  virtual void set(int32_t disp, uint8_t value) = 0;
  // add rbx, distance                      (imm8 when it fits, else imm32)
  virtual void move(int32_t distance) = 0;
  // movzx eax, byte [rbx + disp]
  // mov rcx, [r12 + out_buffer]; mov rdx, [r12 + out_length]; mov [rcx + rdx], al
  // add rdx, 1; mov [r12 + out_length], rdx; cmp rdx, [r12 + out_capacity]; jne .done
  // mov rdi, r12; mov rax, bf_flush_output; call rax
  // .done:
  virtual void output(int32_t disp) = 0;
  // movzx esi, byte [rbx + disp]; mov rdi, r12; mov rax, bf_read_input; call rax
  // mov byte [rbx + disp], al
  virtual void input(int32_t disp) = 0;

  // lock sub qword [r12 + budget], 1; jl step_exit   (jl: the value before was <= 0)
  virtual void count_step(Label step_exit) = 0;
  // cmp byte [rbx + disp], 0
  virtual void test_cell(int32_t disp) = 0;
  // je label / jne label
  virtual void jump_if_zero(Label label) = 0;
  virtual void jump_if_nonzero(Label label) = 0;
  // movzx ecx, byte [rbx + disp]
  virtual void load_counter(int32_t disp) = 0;
  // test ecx, ecx
  virtual void test_counter() = 0;
  // factor 1:    add byte [rbx + disp], cl
  // factor 255:  sub byte [rbx + disp], cl
  // otherwise:   imul eax, ecx, imm8(factor); add byte [rbx + disp], al
  virtual void mul_add(int32_t disp, uint8_t factor) = 0;
  // A MulAdd on a target whose value is known, without reading it (the same value when ecx is 0):
  // factor 1, base 0:  mov byte [rbx + disp], cl
  // otherwise:         imul eax, ecx, imm8(factor); [add al, base;] mov byte [rbx + disp], al
  virtual void store_product(int32_t disp, uint8_t factor, uint8_t base) = 0;
  // Fixed regions (fixed_regions.h) keep up to four cells in r8..r11 -- cache slot 0..3 -- each
  // holding its byte zero-extended. No runtime call happens while they do.
  // movzx r8d+slot, byte [rbx + disp]
  virtual void load_cached(int slot, int32_t disp) = 0;
  // mov byte [rbx + disp], r8b+slot
  virtual void store_cached(int slot, int32_t disp) = 0;
  // add r8b+slot, amount
  virtual void add_cached(int slot, uint8_t amount) = 0;
  // mov r8d+slot, value
  virtual void set_cached(int slot, uint8_t value) = 0;
  // test r8b+slot, r8b+slot
  virtual void test_cached(int slot) = 0;
  // mov ecx, r8d+slot
  virtual void load_counter_cached(int slot) = 0;
  // factor 1:    add r8b+slot, cl
  // factor 255:  sub r8b+slot, cl
  // otherwise:   imul eax, ecx, imm8(factor); add r8b+slot, al
  virtual void mul_add_cached(int slot, uint8_t factor) = 0;

  // right: lea rdi, [rbx + 1]; mov rsi, r14; mov rax, bf_scan_right; call rax; mov rbx, rax
  // left:  lea rdi, [rbx - 1]; mov rsi, r13; mov rax, bf_scan_left;  call rax; mov rbx, rax
  virtual void scan_call(bool right) = 0;
  // begin: lea rax, [rbx + disp]; cmp rax, r13; jb label     (p + disp is left of the tape)
  // end:   lea rax, [rbx + disp]; cmp rax, r14; jae label    (p + disp is past the tape)
  virtual void jump_if_off_tape(int32_t disp, TapeEnd end, Label label) = 0;
};

}  // namespace bf::jit
