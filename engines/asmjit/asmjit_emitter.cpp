// Register roles (engines/jit/jit_abi.h):
//   rbx  p, the address of the current cell      r13  tape begin
//   r12  RunState*                               r14  tape end
//   rbp  frame pointer                           r8..r11  cells cached in a fixed region
//   rax, rcx, rdx, rsi, rdi: scratch (ecx: MulAdd counter)
#include "engines/asmjit/asmjit_emitter.h"

#include "core/engine.h"
#include "engines/jit/scan_helpers.h"
#include "core/runtime/run_state.h"

namespace bf::asmjit {

namespace {

namespace x86 = ::asmjit::x86;

const x86::Gp kP = x86::rbx;
const x86::Gp kState = x86::r12;
const x86::Gp kTapeBegin = x86::r13;
const x86::Gp kTapeEnd = x86::r14;

x86::Mem cell(int32_t disp) { return x86::byte_ptr(kP, disp); }

// A fixed region's cache slot 0..3 is r8..r11: the whole register and its low byte.
x86::Gp cache_dword(int slot) { return x86::gpd(static_cast<uint32_t>(8 + slot)); }
x86::Gp cache_byte(int slot) { return x86::gpb(static_cast<uint32_t>(8 + slot)); }

}  // namespace

AsmjitEmitter::AsmjitEmitter(size_t expected_bytes) {
  check(code_.init(::asmjit::Environment::host()), "CodeHolder::init");
  code_.setErrorHandler(&errors_);
  check(code_.attach(&a_), "CodeHolder::attach");
  check(code_.reserveBuffer(&code_.textSection()->buffer(), expected_bytes), "CodeHolder::reserveBuffer");
  labels_.reserve(expected_bytes / 16 + 8);
}

jit::Label AsmjitEmitter::new_label() {
  labels_.push_back(a_.newLabel());
  return static_cast<jit::Label>(labels_.size() - 1);
}

void AsmjitEmitter::bind(jit::Label label) { a_.bind(labels_[label]); }

uint32_t AsmjitEmitter::offset() const { return static_cast<uint32_t>(a_.offset()); }

void AsmjitEmitter::prologue() {
  // entry(uint8_t* tape_begin, RunState* state, uint8_t* tape_end); the JitExit it returns in
  // rax:rdx plays no part in the frame, so the signature leaves it out.
  ::asmjit::FuncDetail func;
  check(func.init(::asmjit::FuncSignatureT<void, uint8_t*, void*, uint8_t*>(::asmjit::CallConvId::kHost),
                  code_.environment()),
        "FuncDetail::init");
  check(frame_.init(func), "FuncFrame::init");
  frame_.setPreservedFP();  // push rbp; mov rbp, rsp
  frame_.setFuncCalls();    // the body calls C: keep rsp 16-byte aligned (rbp + 4 pushes already do)
  frame_.addDirtyRegs(kP, kState, kTapeBegin, kTapeEnd);  // push rbx; push r12; push r13; push r14

  ::asmjit::FuncArgsAssignment args(&func);
  args.assignAll(kP, kState, kTapeEnd);  // mov rbx, rdi; mov r12, rsi; mov r14, rdx
  check(args.updateFuncFrame(frame_), "FuncArgsAssignment::updateFuncFrame");
  check(frame_.finalize(), "FuncFrame::finalize");
  if (frame_.stackAdjustment() != 0) {
    // The trap exit leaves through the epilogue from anywhere in the body; that stays valid only
    // while the body never changes rsp, which this shape's frame needs no adjustment for.
    throw CompileError("asmjit: unexpected stack adjustment in the function frame");
  }
  a_.emitProlog(frame_);
  a_.emitArgsAssignment(frame_, args);
  a_.mov(kTapeBegin, kP);  // the tape begin is also p's starting value
}

void AsmjitEmitter::epilogue() {
  // lea rsp, [rbp - 32]; pop r14; pop r13; pop r12; pop rbx; pop rbp; ret
  // (AsmJit restores rsp from rbp whenever the frame pointer is kept: one instruction more than
  // the other JITs, on the way out only.)
  a_.emitEpilog(frame_);
}

void AsmjitEmitter::set_exit_code(jit::ExitKind kind) { a_.mov(x86::eax, static_cast<uint32_t>(kind)); }

void AsmjitEmitter::set_checked_exit(uint32_t site) {
  a_.mov(x86::rdx, x86::rax);  // the rejected address, left in rax by jump_if_off_tape
  // movabs: mov(rax, imm) would pick the shorter sign-extended imm32 form for a small value
  a_.movabs(x86::rax, uint64_t{site} << jit::kExitSiteShift | jit::kExitChecked);
}

// AsmJit already follows the shape's jump rule: to a bound label rel8 when it fits, else rel32;
// to a label still ahead rel32 unless asked for short_().
void AsmjitEmitter::jump(jit::Label label) { a_.jmp(labels_[label]); }

void AsmjitEmitter::add(int32_t disp, uint8_t amount) { a_.add(cell(disp), amount); }

void AsmjitEmitter::set(int32_t disp, uint8_t value) { a_.mov(cell(disp), value); }

void AsmjitEmitter::move(int32_t distance) { a_.add(kP, distance); }

void AsmjitEmitter::output(int32_t disp) {
  const ::asmjit::Label done = a_.newLabel();
  a_.movzx(x86::eax, cell(disp));
  a_.mov(x86::rcx, x86::qword_ptr(kState, jit::kOutBufferOffset));
  a_.mov(x86::rdx, x86::qword_ptr(kState, jit::kOutLengthOffset));
  a_.mov(x86::byte_ptr(x86::rcx, x86::rdx), x86::al);
  a_.add(x86::rdx, 1);
  a_.mov(x86::qword_ptr(kState, jit::kOutLengthOffset), x86::rdx);
  a_.cmp(x86::rdx, x86::qword_ptr(kState, jit::kOutCapacityOffset));
  a_.short_().jne(done);  // over the 15-byte flush call
  a_.mov(x86::rdi, kState);
  call_absolute(reinterpret_cast<const void*>(&bf_flush_output));
  a_.bind(done);
}

void AsmjitEmitter::input(int32_t disp) {
  a_.movzx(x86::esi, cell(disp));  // the current value, which EOF "keep" returns
  a_.mov(x86::rdi, kState);
  call_absolute(reinterpret_cast<const void*>(&bf_read_input));
  a_.mov(cell(disp), x86::al);
}

void AsmjitEmitter::count_step(jit::Label step_exit) {
  // atomic: the watchdog thread may store 0 meanwhile; jl: the budget before was <= 0
  a_.lock().sub(x86::qword_ptr(kState, jit::kBudgetOffset), 1);
  a_.jl(labels_[step_exit]);
}

void AsmjitEmitter::test_cell(int32_t disp) { a_.cmp(cell(disp), 0); }

void AsmjitEmitter::jump_if_zero(jit::Label label) { a_.je(labels_[label]); }

void AsmjitEmitter::jump_if_nonzero(jit::Label label) { a_.jne(labels_[label]); }

void AsmjitEmitter::load_counter(int32_t disp) { a_.movzx(x86::ecx, cell(disp)); }

void AsmjitEmitter::test_counter() { a_.test(x86::ecx, x86::ecx); }

void AsmjitEmitter::mul_add(int32_t disp, uint8_t factor) {
  if (factor == 1) {
    a_.add(cell(disp), x86::cl);
  } else if (factor == 255) {
    a_.sub(cell(disp), x86::cl);
  } else {
    // only the low byte of the product matters, so the factor fits a sign-extended imm8
    a_.imul(x86::eax, x86::ecx, static_cast<int8_t>(factor));
    a_.add(cell(disp), x86::al);
  }
}

void AsmjitEmitter::store_product(int32_t disp, uint8_t factor, uint8_t base) {
  if (factor == 1 && base == 0) {
    a_.mov(cell(disp), x86::cl);
    return;
  }
  a_.imul(x86::eax, x86::ecx, static_cast<int8_t>(factor));
  if (base != 0) a_.add(x86::al, base);
  a_.mov(cell(disp), x86::al);
}

void AsmjitEmitter::load_cached(int slot, int32_t disp) { a_.movzx(cache_dword(slot), cell(disp)); }

void AsmjitEmitter::store_cached(int slot, int32_t disp) { a_.mov(cell(disp), cache_byte(slot)); }

void AsmjitEmitter::add_cached(int slot, uint8_t amount) { a_.add(cache_byte(slot), amount); }

void AsmjitEmitter::set_cached(int slot, uint8_t value) { a_.mov(cache_dword(slot), value); }

void AsmjitEmitter::test_cached(int slot) { a_.test(cache_byte(slot), cache_byte(slot)); }

void AsmjitEmitter::load_counter_cached(int slot) { a_.mov(x86::ecx, cache_dword(slot)); }

void AsmjitEmitter::mul_add_cached(int slot, uint8_t factor) {
  if (factor == 1) {
    a_.add(cache_byte(slot), x86::cl);
  } else if (factor == 255) {
    a_.sub(cache_byte(slot), x86::cl);
  } else {
    a_.imul(x86::eax, x86::ecx, static_cast<int8_t>(factor));
    a_.add(cache_byte(slot), x86::al);
  }
}

void AsmjitEmitter::scan_call(bool right) {
  if (right) {
    a_.lea(x86::rdi, x86::ptr(kP, 1));
    a_.mov(x86::rsi, kTapeEnd);
    call_absolute(reinterpret_cast<const void*>(&jit::bf_scan_right));
  } else {
    a_.lea(x86::rdi, x86::ptr(kP, -1));
    a_.mov(x86::rsi, kTapeBegin);
    call_absolute(reinterpret_cast<const void*>(&jit::bf_scan_left));
  }
  a_.mov(kP, x86::rax);
}

void AsmjitEmitter::jump_if_off_tape(int32_t disp, jit::TapeEnd end, jit::Label label) {
  a_.lea(x86::rax, x86::ptr(kP, disp));
  if (end == jit::TapeEnd::kBegin) {
    a_.cmp(x86::rax, kTapeBegin);
    a_.jb(labels_[label]);
  } else {
    a_.cmp(x86::rax, kTapeEnd);
    a_.jae(labels_[label]);
  }
}

std::span<const uint8_t> AsmjitEmitter::finish() {
  errors_.throw_if_failed();
  if (code_.hasUnresolvedLinks()) throw CompileError("asmjit: a jump targets a label that was never bound");
  // Copied elsewhere to run, the code must not depend on its address.
  if (!code_.relocEntries().empty()) throw CompileError("asmjit: generated code needs relocation");
  const ::asmjit::CodeBuffer& text = code_.textSection()->buffer();
  return std::span<const uint8_t>(text.data(), text.size());
}

void AsmjitEmitter::call_absolute(const void* function) {
  // The code runs from a copy anywhere in the address space: no rel32 call to C++, call through rax.
  a_.mov(x86::rax, reinterpret_cast<uint64_t>(function));
  a_.call(x86::rax);
}

}  // namespace bf::asmjit
