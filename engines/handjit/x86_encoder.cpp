#include "engines/handjit/x86_encoder.h"

namespace bf::handjit {

namespace {

uint8_t num(Reg r) { return static_cast<uint8_t>(r); }
uint8_t low3(uint8_t r) { return r & 7; }
uint8_t high(uint8_t r) { return (r >> 3) & 1; }
bool fits_int8(int64_t value) { return value >= -128 && value <= 127; }

}  // namespace

X86Encoder::X86Encoder(size_t expected_bytes) {
  out_.reserve(expected_bytes);
  labels_.reserve(expected_bytes / 16 + 8);
}

jit::Label X86Encoder::new_label() { return labels_.create(); }

void X86Encoder::bind(jit::Label label) { labels_.bind(label, out_.size()); }

void X86Encoder::jmp(jit::Label label) { jump_to(std::nullopt, label); }

void X86Encoder::jcc(Cond cc, jit::Label label) { jump_to(cc, label); }

void X86Encoder::jcc_short(Cond cc, jit::Label label) {
  jcc_rel8(cc, 0);
  labels_.refer_rel8(label, out_.size() - 1);
}

void X86Encoder::jump_to(std::optional<Cond> cc, jit::Label label) {
  const int64_t here = static_cast<int64_t>(out_.size());
  if (const std::optional<size_t> target = labels_.position(label)) {
    const int64_t short_rel =
        static_cast<int64_t>(*target) - (here + (cc ? kJccRel8Bytes : kJmpRel8Bytes));
    if (fits_int8(short_rel)) {
      if (cc) jcc_rel8(*cc, static_cast<int8_t>(short_rel));
      else jmp_rel8(static_cast<int8_t>(short_rel));
      return;
    }
    const int64_t near_rel =
        static_cast<int64_t>(*target) - (here + (cc ? kJccRel32Bytes : kJmpRel32Bytes));
    if (cc) jcc_rel32(*cc, static_cast<int32_t>(near_rel));
    else jmp_rel32(static_cast<int32_t>(near_rel));
    return;
  }
  const size_t field = cc ? jcc_rel32(*cc, 0) : jmp_rel32(0);
  labels_.refer(label, field);
}

std::span<const uint8_t> X86Encoder::finish() {
  labels_.resolve(out_);
  return out_.bytes();
}

void X86Encoder::rex(bool w, uint8_t reg, const Mem* m, uint8_t rm_reg) {
  const uint8_t r = high(reg);
  const uint8_t x = m != nullptr && m->has_index ? high(num(m->index)) : 0;
  const uint8_t b = m != nullptr ? high(num(m->base)) : high(rm_reg);
  const uint8_t bits = static_cast<uint8_t>((w ? 8 : 0) | r << 2 | x << 1 | b);
  if (bits != 0) out_.u8(0x40 | bits);
}

void X86Encoder::modrm_mem(uint8_t reg, const Mem& m) {
  const uint8_t base = low3(num(m.base));
  // rm = 100 means "a SIB byte follows": needed for an index, and for rsp/r12 as the base.
  const bool sib = m.has_index || base == 4;
  // mod = 00 with rm (or SIB base) = 101 means "no base, disp32", so rbp/r13 always carry a disp.
  const uint8_t mod = (m.disp == 0 && base != 5) ? 0 : fits_int8(m.disp) ? 1 : 2;
  out_.u8(static_cast<uint8_t>(mod << 6 | low3(reg) << 3 | (sib ? 4 : base)));
  if (sib) {
    const uint8_t index = m.has_index ? low3(num(m.index)) : 4;  // 100: no index
    out_.u8(static_cast<uint8_t>(m.shift << 6 | index << 3 | base));
  }
  if (mod == 1) out_.u8(static_cast<uint8_t>(m.disp));
  if (mod == 2) out_.u32(static_cast<uint32_t>(m.disp));
}

void X86Encoder::modrm_reg(uint8_t reg, Reg rm) {
  out_.u8(static_cast<uint8_t>(0xC0 | low3(reg) << 3 | low3(num(rm))));
}

void X86Encoder::reg_rm(bool w, uint8_t opcode, uint8_t reg, Reg rm) {
  rex_for(w, reg, rm);
  out_.u8(opcode);
  modrm_reg(reg, rm);
}

void X86Encoder::reg_mem(bool w, uint8_t opcode, uint8_t reg, const Mem& m) {
  rex_for(w, reg, m);
  out_.u8(opcode);
  modrm_mem(reg, m);
}

void X86Encoder::push(Reg r) {
  rex_for(false, 0, r);
  out_.u8(0x50 | low3(num(r)));
}

void X86Encoder::pop(Reg r) {
  rex_for(false, 0, r);
  out_.u8(0x58 | low3(num(r)));
}

void X86Encoder::ret() { out_.u8(0xC3); }

void X86Encoder::mov(Reg dst, Reg src) {
  reg_rm(true, 0x89, num(src), dst);
}

void X86Encoder::mov_imm64(Reg dst, uint64_t imm) {
  rex_for(true, 0, dst);
  out_.u8(0xB8 | low3(num(dst)));
  out_.u64(imm);
}

void X86Encoder::mov_imm32(Reg dst, uint32_t imm) {
  rex_for(false, 0, dst);
  out_.u8(0xB8 | low3(num(dst)));
  out_.u32(imm);
}

void X86Encoder::mov_load(Reg dst, const Mem& m) {
  reg_mem(true, 0x8B, num(dst), m);
}

void X86Encoder::mov_store(const Mem& m, Reg src) {
  reg_mem(true, 0x89, num(src), m);
}

void X86Encoder::mov_store8(const Mem& m, Reg src) {
  reg_mem(false, 0x88, num(src), m);
}

void X86Encoder::mov_store8_imm(const Mem& m, uint8_t imm) {
  reg_mem(false, 0xC6, 0, m);
  out_.u8(imm);
}

void X86Encoder::movzx_load8(Reg dst, const Mem& m) {
  rex_for(false, num(dst), m);
  out_.u8(0x0F);
  out_.u8(0xB6);
  modrm_mem(num(dst), m);
}

void X86Encoder::add8_imm(const Mem& m, uint8_t imm) {
  reg_mem(false, 0x80, 0, m);
  out_.u8(imm);
}

void X86Encoder::add8(const Mem& m, Reg src) {
  reg_mem(false, 0x00, num(src), m);
}

void X86Encoder::sub8(const Mem& m, Reg src) {
  reg_mem(false, 0x28, num(src), m);
}

void X86Encoder::cmp8_imm(const Mem& m, uint8_t imm) {
  rex_for(false, 0, m);
  out_.u8(0x80);
  modrm_mem(7, m);
  out_.u8(imm);
}

void X86Encoder::add_imm(Reg dst, int32_t imm) {
  rex_for(true, 0, dst);
  if (fits_int8(imm)) {
    out_.u8(0x83);
    modrm_reg(0, dst);
    out_.u8(static_cast<uint8_t>(imm));
  } else {
    out_.u8(0x81);
    modrm_reg(0, dst);
    out_.u32(static_cast<uint32_t>(imm));
  }
}

void X86Encoder::lock_sub64_imm8(const Mem& m, int8_t imm) {
  out_.u8(0xF0);
  reg_mem(true, 0x83, 5, m);
  out_.u8(static_cast<uint8_t>(imm));
}

void X86Encoder::mov32(Reg dst, Reg src) {
  reg_rm(false, 0x89, num(src), dst);
}

void X86Encoder::add8_imm(Reg dst, uint8_t imm) {
  if (dst == Reg::kRax) {
    // add al, imm8 has a short form, which the assemblers (xbyak, AsmJit) pick too
    out_.u8(0x04);
    out_.u8(imm);
    return;
  }
  reg_rm(false, 0x80, 0, dst);
  out_.u8(imm);
}

void X86Encoder::add8(Reg dst, Reg src) {
  reg_rm(false, 0x00, num(src), dst);
}

void X86Encoder::sub8(Reg dst, Reg src) {
  reg_rm(false, 0x28, num(src), dst);
}

void X86Encoder::test8(Reg a, Reg b) {
  reg_rm(false, 0x84, num(b), a);
}

void X86Encoder::cmp(Reg a, Reg b) {
  reg_rm(true, 0x39, num(b), a);
}

void X86Encoder::cmp_load(Reg a, const Mem& m) {
  reg_mem(true, 0x3B, num(a), m);
}

void X86Encoder::test32(Reg a, Reg b) {
  reg_rm(false, 0x85, num(b), a);
}

void X86Encoder::imul32_imm8(Reg dst, Reg src, int8_t imm) {
  reg_rm(false, 0x6B, num(dst), src);
  out_.u8(static_cast<uint8_t>(imm));
}

void X86Encoder::imul32(Reg dst, Reg src) {
  rex_for(false, num(dst), src);
  out_.u8(0x0F);
  out_.u8(0xAF);
  modrm_reg(num(dst), src);
}

void X86Encoder::lea(Reg dst, const Mem& m) {
  reg_mem(true, 0x8D, num(dst), m);
}

void X86Encoder::call(Reg target) {
  rex_for(false, 0, target);
  out_.u8(0xFF);
  modrm_reg(2, target);
}

void X86Encoder::jmp_rel8(int8_t rel) {
  out_.u8(0xEB);
  out_.u8(static_cast<uint8_t>(rel));
}

size_t X86Encoder::jmp_rel32(int32_t rel) {
  out_.u8(0xE9);
  const size_t field = out_.size();
  out_.u32(static_cast<uint32_t>(rel));
  return field;
}

void X86Encoder::jcc_rel8(Cond cc, int8_t rel) {
  out_.u8(0x70 | static_cast<uint8_t>(cc));
  out_.u8(static_cast<uint8_t>(rel));
}

size_t X86Encoder::jcc_rel32(Cond cc, int32_t rel) {
  out_.u8(0x0F);
  out_.u8(0x80 | static_cast<uint8_t>(cc));
  const size_t field = out_.size();
  out_.u32(static_cast<uint32_t>(rel));
  return field;
}

}  // namespace bf::handjit
