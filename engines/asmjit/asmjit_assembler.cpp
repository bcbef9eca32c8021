#include "engines/asmjit/asmjit_assembler.h"

#include "core/engine.h"
#include "engines/jit/jit_abi.h"

namespace bf::asmjit {

namespace {

namespace x86 = ::asmjit::x86;
using jit::Cond;
using jit::Mem;
using jit::Reg;

uint32_t num(Reg r) { return static_cast<uint32_t>(r); }
x86::Gp q(Reg r) { return x86::gpq(num(r)); }
x86::Gp d(Reg r) { return x86::gpd(num(r)); }
x86::Gp b(Reg r) { return x86::gpb(num(r)); }  // al, cl, r8b..r15b (see assembler.h)

x86::Mem sized(const Mem& m, uint32_t size) {
  return m.has_index ? x86::ptr(q(m.base), q(m.index), m.shift, 0, size)
                     : x86::ptr(q(m.base), m.disp, size);
}
x86::Mem byte_at(const Mem& m) { return sized(m, 1); }
x86::Mem qword_at(const Mem& m) { return sized(m, 8); }

const x86::Gp kP = q(jit::kP);
const x86::Gp kState = q(jit::kState);
const x86::Gp kTapeBegin = q(jit::kTapeBegin);
const x86::Gp kTapeEnd = q(jit::kTapeEnd);

}  // namespace

AsmjitAssembler::AsmjitAssembler(size_t expected_bytes) {
  check(code_.init(::asmjit::Environment::host()), "CodeHolder::init");
  code_.setErrorHandler(&errors_);
  check(code_.attach(&a_), "CodeHolder::attach");
  check(code_.reserveBuffer(&code_.textSection()->buffer(), expected_bytes), "CodeHolder::reserveBuffer");
  labels_.reserve(expected_bytes / 16 + 8);
}

jit::Label AsmjitAssembler::new_label() {
  labels_.push_back(a_.newLabel());
  return static_cast<jit::Label>(labels_.size() - 1);
}

void AsmjitAssembler::bind(jit::Label label) { a_.bind(labels_[label]); }

uint32_t AsmjitAssembler::offset() const { return static_cast<uint32_t>(a_.offset()); }

void AsmjitAssembler::prologue() {
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

void AsmjitAssembler::epilogue() {
  // lea rsp, [rbp - 32]; pop r14; pop r13; pop r12; pop rbx; pop rbp; ret
  // (AsmJit restores rsp from rbp whenever the frame pointer is kept: one instruction more than
  // the other JITs, on the way out only.)
  a_.emitEpilog(frame_);
}

// AsmJit already follows the shape's jump rule: to a bound label rel8 when it fits, else rel32;
// to a label still ahead rel32 unless asked for short_().
void AsmjitAssembler::jmp(jit::Label label) { a_.jmp(labels_[label]); }

void AsmjitAssembler::jcc(Cond cc, jit::Label label) {
  const ::asmjit::Label& target = labels_[label];
  switch (cc) {
    case Cond::kBelow: a_.jb(target); return;
    case Cond::kAboveOrEqual: a_.jae(target); return;
    case Cond::kEqual: a_.je(target); return;
    case Cond::kNotEqual: a_.jne(target); return;
    case Cond::kLess: a_.jl(target); return;
  }
}

void AsmjitAssembler::jcc_short(Cond cc, jit::Label label) {
  a_.short_();  // applies to the next instruction only
  jcc(cc, label);
}

void AsmjitAssembler::push(Reg r) { a_.push(q(r)); }
void AsmjitAssembler::pop(Reg r) { a_.pop(q(r)); }
void AsmjitAssembler::ret() { a_.ret(); }
void AsmjitAssembler::mov(Reg dst, Reg src) { a_.mov(q(dst), q(src)); }
void AsmjitAssembler::mov32(Reg dst, Reg src) { a_.mov(d(dst), d(src)); }
void AsmjitAssembler::mov_imm32(Reg dst, uint32_t imm) { a_.mov(d(dst), imm); }
// movabs: mov(r64, imm) would pick a shorter form for a small value
void AsmjitAssembler::mov_imm64(Reg dst, uint64_t imm) { a_.movabs(q(dst), imm); }
void AsmjitAssembler::mov_load(Reg dst, const Mem& m) { a_.mov(q(dst), qword_at(m)); }
void AsmjitAssembler::mov_store(const Mem& m, Reg src) { a_.mov(qword_at(m), q(src)); }
void AsmjitAssembler::mov_store8(const Mem& m, Reg src) { a_.mov(byte_at(m), b(src)); }
void AsmjitAssembler::mov_store8_imm(const Mem& m, uint8_t imm) { a_.mov(byte_at(m), imm); }
void AsmjitAssembler::movzx_load8(Reg dst, const Mem& m) { a_.movzx(d(dst), byte_at(m)); }
void AsmjitAssembler::lea(Reg dst, const Mem& m) { a_.lea(q(dst), sized(m, 0)); }
void AsmjitAssembler::add_imm(Reg dst, int32_t imm) { a_.add(q(dst), imm); }
void AsmjitAssembler::add8_imm(const Mem& m, uint8_t imm) { a_.add(byte_at(m), imm); }
void AsmjitAssembler::add8_imm(Reg dst, uint8_t imm) { a_.add(b(dst), imm); }
void AsmjitAssembler::add8(const Mem& m, Reg src) { a_.add(byte_at(m), b(src)); }
void AsmjitAssembler::add8(Reg dst, Reg src) { a_.add(b(dst), b(src)); }
void AsmjitAssembler::sub8(const Mem& m, Reg src) { a_.sub(byte_at(m), b(src)); }
void AsmjitAssembler::sub8(Reg dst, Reg src) { a_.sub(b(dst), b(src)); }
void AsmjitAssembler::imul32_imm8(Reg dst, Reg src, int8_t imm) { a_.imul(d(dst), d(src), imm); }
void AsmjitAssembler::imul32(Reg dst, Reg src) { a_.imul(d(dst), d(src)); }
// atomic: the watchdog thread may store 0 meanwhile
void AsmjitAssembler::lock_sub64_imm8(const Mem& m, int8_t imm) { a_.lock().sub(qword_at(m), imm); }
void AsmjitAssembler::cmp(Reg x, Reg y) { a_.cmp(q(x), q(y)); }
void AsmjitAssembler::cmp_load(Reg x, const Mem& m) { a_.cmp(q(x), qword_at(m)); }
void AsmjitAssembler::cmp8_imm(const Mem& m, uint8_t imm) { a_.cmp(byte_at(m), imm); }
void AsmjitAssembler::test32(Reg x, Reg y) { a_.test(d(x), d(y)); }
void AsmjitAssembler::test8(Reg x, Reg y) { a_.test(b(x), b(y)); }
void AsmjitAssembler::call(Reg target) { a_.call(q(target)); }

std::span<const uint8_t> AsmjitAssembler::finish() {
  errors_.throw_if_failed();
  if (code_.hasUnresolvedLinks()) throw CompileError("asmjit: a jump targets a label that was never bound");
  // Copied elsewhere to run, the code must not depend on its address.
  if (!code_.relocEntries().empty()) throw CompileError("asmjit: generated code needs relocation");
  const ::asmjit::CodeBuffer& text = code_.textSection()->buffer();
  return std::span<const uint8_t>(text.data(), text.size());
}

}  // namespace bf::asmjit
