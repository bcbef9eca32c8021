#include "engines/jit/code_shape.h"


namespace bf::jit {

namespace {

constexpr Reg kAl = Reg::kRax;
constexpr Reg kCl = kCounter;
constexpr Reg kDl = Reg::kRdx;

Mem cell_at(int32_t disp) { return at(kP, disp); }
Reg reg(CellRegister cell) { return static_cast<Reg>(static_cast<int>(Reg::kR8) + cell.slot); }

}  // namespace

void Assembler::prologue() {
  // entry rsp is 8 mod 16; these five pushes make it 0 mod 16 for every call in the body
  push(Reg::kRbp);
  mov(Reg::kRbp, Reg::kRsp);
  push(Reg::kRbx);
  push(Reg::kR12);
  push(Reg::kR13);
  push(Reg::kR14);
  mov(kP, Reg::kRdi);
  mov(kTapeBegin, Reg::kRdi);
  mov(kState, Reg::kRsi);
  mov(kTapeEnd, Reg::kRdx);
}

void Assembler::epilogue() {
  pop(Reg::kR14);
  pop(Reg::kR13);
  pop(Reg::kR12);
  pop(Reg::kRbx);
  pop(Reg::kRbp);
  ret();
}

void CodeShape::set_exit_code(ExitKind kind) { a_.mov_imm32(Reg::kRax, kind); }

void CodeShape::set_checked_exit(uint32_t site) {
  a_.mov(Reg::kRdx, Reg::kRax);
  a_.mov_imm64(Reg::kRax, uint64_t{site} << kExitSiteShift | kExitChecked);
}

void CodeShape::add(int32_t disp, uint8_t amount) { a_.add8_imm(cell_at(disp), amount); }
void CodeShape::add(CellRegister cell, uint8_t amount) { a_.add8_imm(reg(cell), amount); }
void CodeShape::set(int32_t disp, uint8_t value) { a_.mov_store8_imm(cell_at(disp), value); }
void CodeShape::set(CellRegister cell, uint8_t value) { a_.mov_imm32(reg(cell), value); }
void CodeShape::move(int32_t distance) { a_.add_imm(kP, distance); }
void CodeShape::load(CellRegister cell, int32_t disp) { a_.movzx_load8(reg(cell), cell_at(disp)); }
void CodeShape::store(CellRegister cell, int32_t disp) { a_.mov_store8(cell_at(disp), reg(cell)); }

void CodeShape::output(int32_t disp) {
  a_.movzx_load8(Reg::kRax, cell_at(disp));
  a_.mov_load(Reg::kRcx, at(kState, kOutBufferOffset));
  a_.mov_load(Reg::kRdx, at(kState, kOutLengthOffset));
  a_.mov_store8(at(Reg::kRcx, Reg::kRdx), kAl);
  a_.add_imm(Reg::kRdx, 1);
  a_.mov_store(at(kState, kOutLengthOffset), Reg::kRdx);
  a_.cmp_load(Reg::kRdx, at(kState, kOutCapacityOffset));
  const Label done = a_.new_label();
  a_.jcc_short(Cond::kNotEqual, done);  // over the 15-byte flush call
  a_.mov(Reg::kRdi, kState);
  call_absolute(reinterpret_cast<const void*>(&bf_flush_output));
  a_.bind(done);
}

void CodeShape::input(int32_t disp) {
  a_.movzx_load8(Reg::kRsi, cell_at(disp));  // the current value, which EOF "keep" returns
  a_.mov(Reg::kRdi, kState);
  call_absolute(reinterpret_cast<const void*>(&bf_read_input));
  a_.mov_store8(cell_at(disp), kAl);
}

void CodeShape::count_step(Label step_exit) {
  // atomic: the watchdog thread may store 0 meanwhile
  a_.lock_sub64_imm8(at(kState, kBudgetOffset), 1);
  a_.jcc(Cond::kLess, step_exit);
}

void CodeShape::test(int32_t disp, uint8_t value) { a_.cmp8_imm(cell_at(disp), value); }
void CodeShape::test(CellRegister cell) { a_.test8(reg(cell), reg(cell)); }
void CodeShape::load_counter(int32_t disp) { a_.movzx_load8(kCounter, cell_at(disp)); }
void CodeShape::load_counter(CellRegister cell) { a_.mov32(kCounter, reg(cell)); }
void CodeShape::test_counter() { a_.test32(kCounter, kCounter); }

Reg CodeShape::product(uint8_t factor) {
  if (factor == 1) return kCl;
  // 3, 5, 9: lea rax, [rcx + rcx * 2/4/8], quicker than imul
  for (uint8_t shift = 1; shift <= 3; ++shift) {
    if (factor == (1 << shift) + 1) {
      a_.lea(Reg::kRax, at(kCounter, kCounter, shift));
      return kAl;
    }
  }
  a_.imul32_imm8(Reg::kRax, kCounter, static_cast<int8_t>(factor));
  return kAl;
}

// Through dl, not `add byte [rbx + disp], al`: a multiply chain that walks the tape (each turn
// adds a multiple of the cell the last turn wrote) loads the target again at once, and on Zen 4
// that load waits longer for a memory-destination add than for a plain store (long.b, handjit
// O3: 9.6 -> 8.1 ms CPU).
void CodeShape::mul_add(int32_t disp, uint8_t factor) {
  const Reg addend = factor == 255 ? kCl : product(factor);
  a_.movzx_load8(kDl, cell_at(disp));
  if (factor == 255) {
    a_.sub8(kDl, addend);
  } else {
    a_.add8(kDl, addend);
  }
  a_.mov_store8(cell_at(disp), kDl);
}

void CodeShape::mul_add(CellRegister cell, uint8_t factor) {
  if (factor == 255) {
    a_.sub8(reg(cell), kCl);
  } else {
    a_.add8(reg(cell), product(factor));
  }
}

void CodeShape::load_second_factor(int32_t disp) {
  a_.movzx_load8(Reg::kRax, cell_at(disp));
  a_.test32(Reg::kRax, Reg::kRax);
}

void CodeShape::multiply_counter_by_second() { a_.imul32(kCounter, Reg::kRax); }

void CodeShape::store_product(int32_t disp, uint8_t factor, uint8_t base) {
  if (factor == 1 && base == 0) {
    a_.mov_store8(cell_at(disp), kCl);
    return;
  }
  a_.imul32_imm8(Reg::kRax, kCounter, static_cast<int8_t>(factor));
  if (base != 0) a_.add8_imm(kAl, base);
  a_.mov_store8(cell_at(disp), kAl);
}

void CodeShape::scan_call(int32_t first, int32_t argument, ZeroScan scan) {
  a_.lea(Reg::kRdi, cell_at(first));
  a_.mov(Reg::kRsi, kTapeBegin);
  a_.mov(Reg::kRdx, kTapeEnd);
  a_.mov_imm32(Reg::kRcx, static_cast<uint32_t>(argument));
  call_absolute(reinterpret_cast<const void*>(scan));
  a_.mov(kP, Reg::kRax);
}

void CodeShape::jump_if_off_tape(int32_t disp, TapeEnd end, Label label) {
  a_.lea(Reg::kRax, cell_at(disp));
  if (end == TapeEnd::kBegin) {
    a_.cmp(Reg::kRax, kTapeBegin);
    a_.jcc(Cond::kBelow, label);
  } else {
    a_.cmp(Reg::kRax, kTapeEnd);
    a_.jcc(Cond::kAboveOrEqual, label);
  }
}

void CodeShape::call_absolute(const void* function) {
  a_.mov_imm64(Reg::kRax, reinterpret_cast<uint64_t>(function));
  a_.call(Reg::kRax);
}

}  // namespace bf::jit
