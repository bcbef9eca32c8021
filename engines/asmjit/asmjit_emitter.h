// AsmjitEmitter: the code shape of engines/jit/CODE_SHAPE.md, written with AsmJit's x86::Assembler;
// the prologue and epilogue come from a FuncFrame, the argument moves from FuncArgsAssignment.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include <asmjit/x86.h>

#include "engines/jit/emitter.h"
#include "engines/asmjit/asmjit_errors.h"

namespace bf::asmjit {

// Assembles into a CodeHolder's .text buffer -- ordinary heap memory, never executable; no
// JitRuntime (whose JitAllocator maps read-write-execute by default): the engine copies the
// finished bytes into a dual-mapped JitAllocator (dual_mapped_code.h). Library errors are recorded
// as they happen and thrown as CompileError by finish() (or at once, for set-up calls).
class AsmjitEmitter final : public jit::Emitter {
 public:
  // `expected_bytes` reserves the code buffer up front (it grows when exceeded).
  explicit AsmjitEmitter(size_t expected_bytes);
  AsmjitEmitter(const AsmjitEmitter&) = delete;
  AsmjitEmitter& operator=(const AsmjitEmitter&) = delete;

  jit::Label new_label() override;
  void bind(jit::Label label) override;
  uint32_t offset() const override;

  void prologue() override;
  void epilogue() override;
  void set_exit_code(jit::ExitKind kind) override;
  void set_checked_exit(uint32_t site) override;
  void jump(jit::Label label) override;

  void add(int32_t disp, uint8_t amount) override;
  void set(int32_t disp, uint8_t value) override;
  void move(int32_t distance) override;
  void output(int32_t disp) override;
  void input(int32_t disp) override;

  void count_step(jit::Label step_exit) override;
  void test_cell(int32_t disp) override;
  void jump_if_zero(jit::Label label) override;
  void jump_if_nonzero(jit::Label label) override;
  void load_counter(int32_t disp) override;
  void test_counter() override;
  void mul_add(int32_t disp, uint8_t factor) override;
  void store_product(int32_t disp, uint8_t factor, uint8_t base) override;
  void load_cached(int slot, int32_t disp) override;
  void store_cached(int slot, int32_t disp) override;
  void add_cached(int slot, uint8_t amount) override;
  void set_cached(int slot, uint8_t value) override;
  void test_cached(int slot) override;
  void load_counter_cached(int slot) override;
  void mul_add_cached(int slot, uint8_t factor) override;
  void scan_call(bool right) override;
  void jump_if_off_tape(int32_t disp, jit::TapeEnd end, jit::Label label) override;

  // Checks that emitting succeeded, every label was bound and nothing needs relocating, and returns
  // the finished, position-independent code; valid while the emitter lives.
  std::span<const uint8_t> finish();

 private:
  void call_absolute(const void* function);

  FirstErrorRecorder errors_;
  ::asmjit::CodeHolder code_;
  ::asmjit::x86::Assembler a_;
  ::asmjit::FuncFrame frame_;  // set by prologue(), read by epilogue()
  std::vector<::asmjit::Label> labels_;
};

}  // namespace bf::asmjit
