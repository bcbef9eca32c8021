// XbyakEmitter: the code shape of engines/jit/CODE_SHAPE.md, written with xbyak's asm-like C++.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <span>
#include <vector>

#include <xbyak/xbyak.h>

#include "engines/jit/emitter.h"

namespace bf::xbyak {

// A CodeGenerator that only assembles: its buffer grows as needed (AutoGrow, so no 4 KiB limit)
// and is plain heap memory that never becomes executable -- the finished bytes are copied into
// engines/jit's CodeMemory, which is sealed read-execute. Throws Xbyak::Error on a library error;
// the engine translates it into CompileError.
class XbyakEmitter final : public jit::Emitter, private Xbyak::CodeGenerator {
 public:
  // `expected_bytes` sizes the first buffer (it doubles when exceeded).
  explicit XbyakEmitter(size_t expected_bytes);

  jit::Label new_label() override;
  void bind(jit::Label label) override;
  uint32_t offset() const override;

  void prologue() override;
  void epilogue() override;
  void set_exit_code(jit::ExitKind kind) override;
  void set_checked_exit(uint32_t site) override;
  void jump(jit::Label label) override;

  // Emitter::add (the op) and CodeGenerator::add (the instruction) share a name; both stay usable.
  using Xbyak::CodeGenerator::add;
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

  // Resolves every jump (ready()) and returns the finished, position-independent code; valid
  // while the emitter lives.
  std::span<const uint8_t> finish();

 private:
  // A jump to a label already bound may be short (xbyak picks rel8 when it fits); one to a label
  // still ahead is always rel32, as the shape requires (and AutoGrow cannot relax it later).
  LabelType reach(jit::Label label) const;
  void call_absolute(const void* function);

  std::deque<Xbyak::Label> labels_;  // a deque: xbyak tracks each Label by address
  std::vector<bool> bound_;
};

}  // namespace bf::xbyak
