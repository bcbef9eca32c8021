// Register roles (engines/jit/jit_abi.h):
//   rbx  p, the address of the current cell      r13  tape begin
//   r12  RunState*                               r14  tape end
//   rbp  frame pointer                           r8..r11  cells cached in a fixed region
//   rax, rcx, rdx, rsi, rdi: scratch (ecx: MulAdd counter)
#include "engines/handjit/hand_emitter.h"

#include "engines/jit/scan_helpers.h"
#include "core/runtime/run_state.h"

namespace bf::handjit {

namespace {

constexpr Reg kP = Reg::kRbx;
constexpr Reg kState = Reg::kR12;
constexpr Reg kTapeBegin = Reg::kR13;
constexpr Reg kTapeEnd = Reg::kR14;

bool fits_int8(int64_t value) { return value >= -128 && value <= 127; }

// The register of a fixed region's cache slot: r8..r11.
Reg cache_register(int slot) { return static_cast<Reg>(static_cast<int>(Reg::kR8) + slot); }

}  // namespace

HandEmitter::HandEmitter(size_t expected_bytes) {
  code_.reserve(expected_bytes);
  labels_.reserve(expected_bytes / 16 + 8);
}

jit::Label HandEmitter::new_label() { return labels_.create(); }

void HandEmitter::bind(jit::Label label) { labels_.bind(label, code_.size()); }

uint32_t HandEmitter::offset() const { return static_cast<uint32_t>(code_.size()); }

void HandEmitter::prologue() {
  // push rbp; mov rbp, rsp            entry rsp is 8 mod 16; five pushes make it 0 mod 16
  x86_.push(Reg::kRbp);
  x86_.mov(Reg::kRbp, Reg::kRsp);
  // push rbx; push r12; push r13; push r14
  x86_.push(Reg::kRbx);
  x86_.push(Reg::kR12);
  x86_.push(Reg::kR13);
  x86_.push(Reg::kR14);
  // mov rbx, rdi; mov r13, rdi; mov r12, rsi; mov r14, rdx
  x86_.mov(kP, Reg::kRdi);
  x86_.mov(kTapeBegin, Reg::kRdi);
  x86_.mov(kState, Reg::kRsi);
  x86_.mov(kTapeEnd, Reg::kRdx);
}

void HandEmitter::epilogue() {
  // pop r14; pop r13; pop r12; pop rbx; pop rbp; ret
  x86_.pop(Reg::kR14);
  x86_.pop(Reg::kR13);
  x86_.pop(Reg::kR12);
  x86_.pop(Reg::kRbx);
  x86_.pop(Reg::kRbp);
  x86_.ret();
}

void HandEmitter::set_exit_code(jit::ExitKind kind) {
  // mov eax, kind
  x86_.mov_imm32(Reg::kRax, kind);
}

void HandEmitter::set_checked_exit(uint32_t site) {
  // mov rdx, rax                       the rejected address, from check_bounds
  x86_.mov(Reg::kRdx, Reg::kRax);
  // mov rax, site << 8 | kExitChecked
  x86_.mov_imm64(Reg::kRax, uint64_t{site} << jit::kExitSiteShift | jit::kExitChecked);
}

void HandEmitter::jump(jit::Label label) {
  // jmp label
  jump_to(std::nullopt, label);
}

void HandEmitter::add(int32_t disp, uint8_t amount) {
  // add byte [rbx + disp], amount
  x86_.add8_imm(at(kP, disp), amount);
}

void HandEmitter::set(int32_t disp, uint8_t value) {
  // mov byte [rbx + disp], value
  x86_.mov_store8_imm(at(kP, disp), value);
}

void HandEmitter::move(int32_t distance) {
  // add rbx, distance
  x86_.add_imm(kP, distance);
}

void HandEmitter::output(int32_t disp) {
  // movzx eax, byte [rbx + disp]
  x86_.movzx_load8(Reg::kRax, at(kP, disp));
  // mov rcx, [r12 + out_buffer]
  x86_.mov_load(Reg::kRcx, at(kState, jit::kOutBufferOffset));
  // mov rdx, [r12 + out_length]
  x86_.mov_load(Reg::kRdx, at(kState, jit::kOutLengthOffset));
  // mov [rcx + rdx], al
  x86_.mov_store8(at(Reg::kRcx, Reg::kRdx), Reg::kRax);
  // add rdx, 1
  x86_.add_imm(Reg::kRdx, 1);
  // mov [r12 + out_length], rdx
  x86_.mov_store(at(kState, jit::kOutLengthOffset), Reg::kRdx);
  // cmp rdx, [r12 + out_capacity]
  x86_.cmp_load(Reg::kRdx, at(kState, jit::kOutCapacityOffset));
  // jne .done                          (rel8 over the 15-byte flush call below)
  const size_t before_jump = code_.size();
  x86_.jcc_rel8(Cond::kNotEqual, 0);
  // mov rdi, r12; mov rax, bf_flush_output; call rax
  x86_.mov(Reg::kRdi, kState);
  call_absolute(reinterpret_cast<const void*>(&bf_flush_output));
  // .done:
  code_.patch_u8(before_jump + 1, static_cast<uint8_t>(code_.size() - (before_jump + 2)));
}

void HandEmitter::input(int32_t disp) {
  // movzx esi, byte [rbx + disp]       the current value, which EOF "keep" returns
  x86_.movzx_load8(Reg::kRsi, at(kP, disp));
  // mov rdi, r12; mov rax, bf_read_input; call rax
  x86_.mov(Reg::kRdi, kState);
  call_absolute(reinterpret_cast<const void*>(&bf_read_input));
  // mov byte [rbx + disp], al
  x86_.mov_store8(at(kP, disp), Reg::kRax);
}

void HandEmitter::count_step(jit::Label step_exit) {
  // lock sub qword [r12 + budget], 1   atomic: the watchdog thread may store 0 meanwhile
  x86_.lock_sub64_imm8(at(kState, jit::kBudgetOffset), 1);
  // jl step_exit                       the budget before the decrement was <= 0
  jump_to(Cond::kLess, step_exit);
}

void HandEmitter::test_cell(int32_t disp) {
  // cmp byte [rbx + disp], 0
  x86_.cmp8_imm(at(kP, disp), 0);
}

void HandEmitter::jump_if_zero(jit::Label label) {
  // je label
  jump_to(Cond::kEqual, label);
}

void HandEmitter::jump_if_nonzero(jit::Label label) {
  // jne label
  jump_to(Cond::kNotEqual, label);
}

void HandEmitter::load_counter(int32_t disp) {
  // movzx ecx, byte [rbx + disp]
  x86_.movzx_load8(Reg::kRcx, at(kP, disp));
}

void HandEmitter::test_counter() {
  // test ecx, ecx
  x86_.test32(Reg::kRcx, Reg::kRcx);
}

void HandEmitter::mul_add(int32_t disp, uint8_t factor) {
  if (factor == 1) {
    // add byte [rbx + disp], cl
    x86_.add8(at(kP, disp), Reg::kRcx);
  } else if (factor == 255) {
    // sub byte [rbx + disp], cl
    x86_.sub8(at(kP, disp), Reg::kRcx);
  } else {
    // imul eax, ecx, factor            only the low byte of the product matters
    x86_.imul32_imm8(Reg::kRax, Reg::kRcx, static_cast<int8_t>(factor));
    // add byte [rbx + disp], al
    x86_.add8(at(kP, disp), Reg::kRax);
  }
}

void HandEmitter::store_product(int32_t disp, uint8_t factor, uint8_t base) {
  if (factor == 1 && base == 0) {
    // mov byte [rbx + disp], cl
    x86_.mov_store8(at(kP, disp), Reg::kRcx);
    return;
  }
  // imul eax, ecx, factor
  x86_.imul32_imm8(Reg::kRax, Reg::kRcx, static_cast<int8_t>(factor));
  // add al, base
  if (base != 0) x86_.add8_imm(Reg::kRax, base);
  // mov byte [rbx + disp], al
  x86_.mov_store8(at(kP, disp), Reg::kRax);
}

void HandEmitter::load_cached(int slot, int32_t disp) {
  // movzx r8d+slot, byte [rbx + disp]
  x86_.movzx_load8(cache_register(slot), at(kP, disp));
}

void HandEmitter::store_cached(int slot, int32_t disp) {
  // mov byte [rbx + disp], r8b+slot
  x86_.mov_store8(at(kP, disp), cache_register(slot));
}

void HandEmitter::add_cached(int slot, uint8_t amount) {
  // add r8b+slot, amount
  x86_.add8_imm(cache_register(slot), amount);
}

void HandEmitter::set_cached(int slot, uint8_t value) {
  // mov r8d+slot, value
  x86_.mov_imm32(cache_register(slot), value);
}

void HandEmitter::test_cached(int slot) {
  // test r8b+slot, r8b+slot
  x86_.test8(cache_register(slot), cache_register(slot));
}

void HandEmitter::load_counter_cached(int slot) {
  // mov ecx, r8d+slot
  x86_.mov32(Reg::kRcx, cache_register(slot));
}

void HandEmitter::mul_add_cached(int slot, uint8_t factor) {
  if (factor == 1) {
    // add r8b+slot, cl
    x86_.add8(cache_register(slot), Reg::kRcx);
  } else if (factor == 255) {
    // sub r8b+slot, cl
    x86_.sub8(cache_register(slot), Reg::kRcx);
  } else {
    // imul eax, ecx, factor; add r8b+slot, al
    x86_.imul32_imm8(Reg::kRax, Reg::kRcx, static_cast<int8_t>(factor));
    x86_.add8(cache_register(slot), Reg::kRax);
  }
}

void HandEmitter::scan_call(bool right) {
  if (right) {
    // lea rdi, [rbx + 1]; mov rsi, r14; mov rax, bf_scan_right; call rax
    x86_.lea(Reg::kRdi, at(kP, 1));
    x86_.mov(Reg::kRsi, kTapeEnd);
    call_absolute(reinterpret_cast<const void*>(&jit::bf_scan_right));
  } else {
    // lea rdi, [rbx - 1]; mov rsi, r13; mov rax, bf_scan_left; call rax
    x86_.lea(Reg::kRdi, at(kP, -1));
    x86_.mov(Reg::kRsi, kTapeBegin);
    call_absolute(reinterpret_cast<const void*>(&jit::bf_scan_left));
  }
  // mov rbx, rax
  x86_.mov(kP, Reg::kRax);
}

void HandEmitter::jump_if_off_tape(int32_t disp, jit::TapeEnd end, jit::Label label) {
  // lea rax, [rbx + disp]
  x86_.lea(Reg::kRax, at(kP, disp));
  if (end == jit::TapeEnd::kBegin) {
    // cmp rax, r13; jb label
    x86_.cmp(Reg::kRax, kTapeBegin);
    jump_to(Cond::kBelow, label);
  } else {
    // cmp rax, r14; jae label
    x86_.cmp(Reg::kRax, kTapeEnd);
    jump_to(Cond::kAboveOrEqual, label);
  }
}

std::span<const uint8_t> HandEmitter::finish() {
  labels_.resolve(code_);
  return code_.bytes();
}

void HandEmitter::jump_to(std::optional<Cond> cc, jit::Label label) {
  const int64_t here = static_cast<int64_t>(code_.size());
  if (const std::optional<size_t> target = labels_.position(label)) {
    const int64_t short_rel =
        static_cast<int64_t>(*target) - (here + (cc ? X86Encoder::kJccRel8Bytes : X86Encoder::kJmpRel8Bytes));
    if (fits_int8(short_rel)) {
      if (cc) x86_.jcc_rel8(*cc, static_cast<int8_t>(short_rel));
      else x86_.jmp_rel8(static_cast<int8_t>(short_rel));
      return;
    }
    const int64_t near_rel =
        static_cast<int64_t>(*target) - (here + (cc ? X86Encoder::kJccRel32Bytes : X86Encoder::kJmpRel32Bytes));
    if (cc) x86_.jcc_rel32(*cc, static_cast<int32_t>(near_rel));
    else x86_.jmp_rel32(static_cast<int32_t>(near_rel));
    return;
  }
  const size_t field = cc ? x86_.jcc_rel32(*cc, 0) : x86_.jmp_rel32(0);
  labels_.refer(label, field);
}

void HandEmitter::call_absolute(const void* function) {
  // mov rax, function; call rax        (the code may sit anywhere: no rel32 call to C++)
  x86_.mov_imm64(Reg::kRax, reinterpret_cast<uint64_t>(function));
  x86_.call(Reg::kRax);
}

}  // namespace bf::handjit
