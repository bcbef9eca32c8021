// Register roles (engines/jit/jit_abi.h):
//   rbx  p, the address of the current cell      r13  tape begin
//   r12  RunState*                               r14  tape end
//   rbp  frame pointer                           r8..r11  cells cached in a fixed region
//   rax, rcx, rdx, rsi, rdi: scratch (ecx: MulAdd counter)
#include "engines/xbyak/xbyak_emitter.h"

#include "engines/jit/scan_helpers.h"
#include "core/runtime/run_state.h"

namespace bf::xbyak {

namespace {

// xbyak's buffer as plain heap memory. The packaged default allocator maps pages and (outside
// AutoGrow) makes them read-write-execute; the base Allocator takes aligned heap memory, and with
// useProtect() false xbyak never changes its protection -- it stays data, since the code runs from
// a sealed copy -- so readyRE() only resolves labels.
class AssemblyOnlyAllocator final : public Xbyak::Allocator {
 public:
  bool useProtect() const override { return false; }
};

// Stateless, so one instance serves every emitter on every thread.
AssemblyOnlyAllocator assembly_only_allocator;

// A fixed region's cache slot 0..3 is r8..r11: the whole register and its low byte.
Xbyak::Reg32 cache_dword(int slot) { return Xbyak::Reg32(8 + slot); }
Xbyak::Reg8 cache_byte(int slot) { return Xbyak::Reg8(8 + slot); }

}  // namespace

XbyakEmitter::XbyakEmitter(size_t expected_bytes)
    : Xbyak::CodeGenerator(expected_bytes, Xbyak::AutoGrow, &assembly_only_allocator) {}

jit::Label XbyakEmitter::new_label() {
  labels_.emplace_back();
  bound_.push_back(false);
  return static_cast<jit::Label>(labels_.size() - 1);
}

void XbyakEmitter::bind(jit::Label label) {
  L(labels_[label]);
  bound_[label] = true;
}

uint32_t XbyakEmitter::offset() const { return static_cast<uint32_t>(getSize()); }

void XbyakEmitter::prologue() {
  // entry rsp is 8 mod 16; these five pushes make it 0 mod 16 for every call in the body
  push(rbp);
  mov(rbp, rsp);
  push(rbx);
  push(r12);
  push(r13);
  push(r14);
  mov(rbx, rdi);
  mov(r13, rdi);
  mov(r12, rsi);
  mov(r14, rdx);
}

void XbyakEmitter::epilogue() {
  pop(r14);
  pop(r13);
  pop(r12);
  pop(rbx);
  pop(rbp);
  ret();
}

void XbyakEmitter::set_exit_code(jit::ExitKind kind) { mov(eax, static_cast<uint32_t>(kind)); }

void XbyakEmitter::set_checked_exit(uint32_t site) {
  mov(rdx, rax);  // the rejected address, left in rax by jump_if_off_tape
  // movabs rax, imm64 = REX.W B8+r io. xbyak's mov(rax, imm) picks `mov eax, imm32` for a small
  // value and offers no way to ask for the long form the shape (and the other JITs) use, so this
  // one cold instruction is given as bytes.
  db(0x48);
  db(0xB8);
  dq(uint64_t{site} << jit::kExitSiteShift | jit::kExitChecked);
}

void XbyakEmitter::jump(jit::Label label) { jmp(labels_[label], reach(label)); }

void XbyakEmitter::add(int32_t disp, uint8_t amount) { add(byte[rbx + disp], amount); }

void XbyakEmitter::set(int32_t disp, uint8_t value) { mov(byte[rbx + disp], value); }

void XbyakEmitter::move(int32_t distance) { add(rbx, distance); }

void XbyakEmitter::output(int32_t disp) {
  Xbyak::Label done;
  movzx(eax, byte[rbx + disp]);
  mov(rcx, qword[r12 + jit::kOutBufferOffset]);
  mov(rdx, qword[r12 + jit::kOutLengthOffset]);
  mov(byte[rcx + rdx], al);
  add(rdx, 1);
  mov(qword[r12 + jit::kOutLengthOffset], rdx);
  cmp(rdx, qword[r12 + jit::kOutCapacityOffset]);
  jne(done, T_SHORT);  // over the 15-byte flush call
  mov(rdi, r12);
  call_absolute(reinterpret_cast<const void*>(&bf_flush_output));
  L(done);
}

void XbyakEmitter::input(int32_t disp) {
  movzx(esi, byte[rbx + disp]);  // the current value, which EOF "keep" returns
  mov(rdi, r12);
  call_absolute(reinterpret_cast<const void*>(&bf_read_input));
  mov(byte[rbx + disp], al);
}

void XbyakEmitter::count_step(jit::Label step_exit) {
  // atomic: the watchdog thread may store 0 meanwhile; jl: the budget before was <= 0
  lock();
  sub(qword[r12 + jit::kBudgetOffset], 1);
  jl(labels_[step_exit], reach(step_exit));
}

void XbyakEmitter::test_cell(int32_t disp) { cmp(byte[rbx + disp], 0); }

void XbyakEmitter::jump_if_zero(jit::Label label) { je(labels_[label], reach(label)); }

void XbyakEmitter::jump_if_nonzero(jit::Label label) { jne(labels_[label], reach(label)); }

void XbyakEmitter::load_counter(int32_t disp) { movzx(ecx, byte[rbx + disp]); }

void XbyakEmitter::test_counter() { test(ecx, ecx); }

void XbyakEmitter::mul_add(int32_t disp, uint8_t factor) {
  if (factor == 1) {
    add(byte[rbx + disp], cl);
  } else if (factor == 255) {
    sub(byte[rbx + disp], cl);
  } else {
    // only the low byte of the product matters, so the factor fits a sign-extended imm8
    imul(eax, ecx, static_cast<int8_t>(factor));
    add(byte[rbx + disp], al);
  }
}

void XbyakEmitter::load_cached(int slot, int32_t disp) { movzx(cache_dword(slot), byte[rbx + disp]); }

void XbyakEmitter::store_cached(int slot, int32_t disp) { mov(byte[rbx + disp], cache_byte(slot)); }

void XbyakEmitter::store_product(int32_t disp, uint8_t factor, uint8_t base) {
  if (factor == 1 && base == 0) {
    mov(byte[rbx + disp], cl);
    return;
  }
  imul(eax, ecx, static_cast<int8_t>(factor));
  if (base != 0) add(al, base);
  mov(byte[rbx + disp], al);
}

void XbyakEmitter::add_cached(int slot, uint8_t amount) { add(cache_byte(slot), amount); }

void XbyakEmitter::set_cached(int slot, uint8_t value) { mov(cache_dword(slot), value); }

void XbyakEmitter::test_cached(int slot) { test(cache_byte(slot), cache_byte(slot)); }

void XbyakEmitter::load_counter_cached(int slot) { mov(ecx, cache_dword(slot)); }

void XbyakEmitter::mul_add_cached(int slot, uint8_t factor) {
  if (factor == 1) {
    add(cache_byte(slot), cl);
  } else if (factor == 255) {
    sub(cache_byte(slot), cl);
  } else {
    imul(eax, ecx, static_cast<int8_t>(factor));
    add(cache_byte(slot), al);
  }
}

void XbyakEmitter::scan_call(bool right) {
  if (right) {
    lea(rdi, ptr[rbx + 1]);
    mov(rsi, r14);
    call_absolute(reinterpret_cast<const void*>(&jit::bf_scan_right));
  } else {
    lea(rdi, ptr[rbx - 1]);
    mov(rsi, r13);
    call_absolute(reinterpret_cast<const void*>(&jit::bf_scan_left));
  }
  mov(rbx, rax);
}

void XbyakEmitter::jump_if_off_tape(int32_t disp, jit::TapeEnd end, jit::Label label) {
  lea(rax, ptr[rbx + disp]);
  if (end == jit::TapeEnd::kBegin) {
    cmp(rax, r13);
    jb(labels_[label], reach(label));
  } else {
    cmp(rax, r14);
    jae(labels_[label], reach(label));
  }
}

std::span<const uint8_t> XbyakEmitter::finish() {
  // With our allocator readyRE() changes no protection; it writes the jump displacements AutoGrow
  // deferred (and throws if a label was never bound).
  readyRE();
  return std::span<const uint8_t>(getCode(), getSize());
}

Xbyak::CodeGenerator::LabelType XbyakEmitter::reach(jit::Label label) const {
  return bound_[label] ? T_AUTO : T_NEAR;
}

void XbyakEmitter::call_absolute(const void* function) {
  // The code runs from a copy anywhere in the address space: no rel32 call to C++, call through rax.
  mov(rax, reinterpret_cast<uint64_t>(function));
  call(rax);
}

}  // namespace bf::xbyak
