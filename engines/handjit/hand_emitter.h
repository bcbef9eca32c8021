// HandEmitter: the code shape of engines/jit/CODE_SHAPE.md, encoded with our own X86Encoder.
#pragma once

#include <optional>
#include <span>

#include "engines/jit/emitter.h"
#include "engines/handjit/code_buffer.h"
#include "engines/handjit/labels.h"
#include "engines/handjit/x86_encoder.h"

namespace bf::handjit {

class HandEmitter final : public jit::Emitter {
 public:
  // `expected_bytes` sizes the buffer up front (no reallocation while emitting, usually).
  explicit HandEmitter(size_t expected_bytes);

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

  // Resolves every forward jump and returns the finished, position-independent code.
  std::span<const uint8_t> finish();

 private:
  // jcc/jmp to `label`: rel8 back to a bound label when it fits, else rel32 (backpatched later if
  // the label is still ahead). No condition means jmp.
  void jump_to(std::optional<Cond> cc, jit::Label label);
  void call_absolute(const void* function);

  CodeBuffer code_;
  X86Encoder x86_{code_};
  LabelTable labels_;
};

}  // namespace bf::handjit
