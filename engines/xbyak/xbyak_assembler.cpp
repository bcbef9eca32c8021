#include "engines/xbyak/xbyak_assembler.h"

namespace bf::xbyak {

namespace {

using jit::Cond;
using jit::Mem;
using jit::Reg;
using Generator = Xbyak::CodeGenerator;

// xbyak's buffer as plain heap memory. The packaged default allocator maps pages and (outside
// AutoGrow) makes them read-write-execute; the base Allocator takes aligned heap memory, and with
// useProtect() false xbyak never changes its protection -- it stays data, since the code runs from
// a sealed copy -- so readyRE() only resolves labels.
class AssemblyOnlyAllocator final : public Xbyak::Allocator {
 public:
  bool useProtect() const override { return false; }
};

// Stateless, so one instance serves every assembler on every thread.
AssemblyOnlyAllocator assembly_only_allocator;

int num(Reg r) { return static_cast<int>(r); }
Xbyak::Reg64 q(Reg r) { return Xbyak::Reg64(num(r)); }
Xbyak::Reg32 d(Reg r) { return Xbyak::Reg32(num(r)); }
Xbyak::Reg8 b(Reg r) { return Xbyak::Reg8(num(r)); }  // al, cl, r8b..r15b (see assembler.h)
Xbyak::RegExp address(const Mem& m) {
  return m.has_index ? q(m.base) + q(m.index) * (1 << m.shift) : q(m.base) + m.disp;
}

}  // namespace

XbyakAssembler::XbyakAssembler(size_t expected_bytes)
    : code_(expected_bytes, Xbyak::AutoGrow, &assembly_only_allocator) {}

jit::Label XbyakAssembler::new_label() {
  labels_.emplace_back();
  bound_.push_back(false);
  return static_cast<jit::Label>(labels_.size() - 1);
}

void XbyakAssembler::bind(jit::Label label) {
  code_.L(labels_[label]);
  bound_[label] = true;
}

uint32_t XbyakAssembler::offset() const { return static_cast<uint32_t>(code_.getSize()); }

void XbyakAssembler::jmp(jit::Label label) { code_.jmp(labels_[label], reach(label)); }

void XbyakAssembler::jcc(Cond cc, jit::Label label) { conditional(cc, label, reach(label)); }

// xbyak checks the rel8 reach when the label is bound.
void XbyakAssembler::jcc_short(Cond cc, jit::Label label) {
  conditional(cc, label, Generator::T_SHORT);
}

void XbyakAssembler::conditional(Cond cc, jit::Label label, Generator::LabelType type) {
  const Xbyak::Label& target = labels_[label];
  switch (cc) {
    case Cond::kBelow: code_.jb(target, type); return;
    case Cond::kAboveOrEqual: code_.jae(target, type); return;
    case Cond::kEqual: code_.je(target, type); return;
    case Cond::kNotEqual: code_.jne(target, type); return;
    case Cond::kLess: code_.jl(target, type); return;
  }
}

void XbyakAssembler::push(Reg r) { code_.push(q(r)); }
void XbyakAssembler::pop(Reg r) { code_.pop(q(r)); }
void XbyakAssembler::ret() { code_.ret(); }
void XbyakAssembler::mov(Reg dst, Reg src) { code_.mov(q(dst), q(src)); }
void XbyakAssembler::mov32(Reg dst, Reg src) { code_.mov(d(dst), d(src)); }
void XbyakAssembler::mov_imm32(Reg dst, uint32_t imm) { code_.mov(d(dst), imm); }

void XbyakAssembler::mov_imm64(Reg dst, uint64_t imm) {
  // movabs = REX.W [B] B8+r io. xbyak's mov(r64, imm) picks a shorter form for a small value and
  // offers no way to ask for this one, which the shape always uses, so it is given as bytes.
  code_.db(0x48 | (num(dst) >> 3));
  code_.db(0xB8 + (num(dst) & 7));
  code_.dq(imm);
}

void XbyakAssembler::mov_load(Reg dst, const Mem& m) { code_.mov(q(dst), code_.qword[address(m)]); }
void XbyakAssembler::mov_store(const Mem& m, Reg src) { code_.mov(code_.qword[address(m)], q(src)); }
void XbyakAssembler::mov_store8(const Mem& m, Reg src) { code_.mov(code_.byte[address(m)], b(src)); }
void XbyakAssembler::mov_store8_imm(const Mem& m, uint8_t imm) {
  code_.mov(code_.byte[address(m)], imm);
}
void XbyakAssembler::movzx_load8(Reg dst, const Mem& m) {
  code_.movzx(d(dst), code_.byte[address(m)]);
}
void XbyakAssembler::lea(Reg dst, const Mem& m) { code_.lea(q(dst), code_.ptr[address(m)]); }
void XbyakAssembler::add_imm(Reg dst, int32_t imm) { code_.add(q(dst), imm); }
void XbyakAssembler::add8_imm(const Mem& m, uint8_t imm) { code_.add(code_.byte[address(m)], imm); }
void XbyakAssembler::add8_imm(Reg dst, uint8_t imm) { code_.add(b(dst), imm); }
void XbyakAssembler::add8(const Mem& m, Reg src) { code_.add(code_.byte[address(m)], b(src)); }
void XbyakAssembler::add8(Reg dst, Reg src) { code_.add(b(dst), b(src)); }
void XbyakAssembler::sub8(const Mem& m, Reg src) { code_.sub(code_.byte[address(m)], b(src)); }
void XbyakAssembler::sub8(Reg dst, Reg src) { code_.sub(b(dst), b(src)); }
void XbyakAssembler::imul32_imm8(Reg dst, Reg src, int8_t imm) { code_.imul(d(dst), d(src), imm); }
void XbyakAssembler::imul32(Reg dst, Reg src) { code_.imul(d(dst), d(src)); }

void XbyakAssembler::lock_sub64_imm8(const Mem& m, int8_t imm) {
  code_.lock();
  code_.sub(code_.qword[address(m)], imm);
}

void XbyakAssembler::cmp(Reg x, Reg y) { code_.cmp(q(x), q(y)); }
void XbyakAssembler::cmp_load(Reg a, const Mem& m) { code_.cmp(q(a), code_.qword[address(m)]); }
void XbyakAssembler::cmp8_imm(const Mem& m, uint8_t imm) { code_.cmp(code_.byte[address(m)], imm); }
void XbyakAssembler::test32(Reg x, Reg y) { code_.test(d(x), d(y)); }
void XbyakAssembler::test8(Reg x, Reg y) { code_.test(b(x), b(y)); }
void XbyakAssembler::call(Reg target) { code_.call(q(target)); }

std::span<const uint8_t> XbyakAssembler::finish() {
  // With our allocator readyRE() changes no protection; it writes the jump displacements AutoGrow
  // deferred (and throws if a label was never bound).
  code_.readyRE();
  return std::span<const uint8_t>(code_.getCode(), code_.getSize());
}

Generator::LabelType XbyakAssembler::reach(jit::Label label) const {
  return bound_[label] ? Generator::T_AUTO : Generator::T_NEAR;
}

}  // namespace bf::xbyak
