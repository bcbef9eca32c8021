// handjit's encoder, instruction by instruction, checked against Capstone's disassembly -- every
// register as base, index and operand, so the REX/ModRM/SIB special cases (rsp/r12 need a SIB,
// rbp/r13 need a displacement) are all exercised.
#include <gtest/gtest.h>

#include <cstdio>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "cli/disassembler.h"
#include "engines/handjit/x86_encoder.h"

namespace bf::handjit {
namespace {

const char* const kNames64[16] = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
                                  "r8",  "r9",  "r10", "r11", "r12", "r13", "r14", "r15"};
const char* const kNames32[16] = {"eax", "ecx", "edx",  "ebx",  "esp",  "ebp",  "esi",  "edi",
                                  "r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d", "r15d"};

Reg reg(int i) { return static_cast<Reg>(i); }

// A number the way Capstone prints it: decimal up to 9, hex above, a sign for negatives.
std::string number(int64_t value) {
  const bool negative = value < 0;
  const auto magnitude = static_cast<unsigned long long>(negative ? -value : value);
  char text[32];
  std::snprintf(text, sizeof text, magnitude <= 9 ? "%s%llu" : "%s0x%llx", negative ? "-" : "",
                magnitude);
  return text;
}

std::string memory(const char* base, int32_t disp) {
  if (disp == 0) return std::string("[") + base + "]";
  return std::string("[") + base + (disp > 0 ? " + " : " - ") + number(disp > 0 ? disp : -int64_t{disp}) + "]";
}

// Encodes one instruction and returns Capstone's text for it; fails if the bytes decode to
// anything other than exactly one instruction.
std::string encoded(const std::function<void(X86Encoder&)>& emit, uint64_t address = 0x1000) {
  X86Encoder x86;
  emit(x86);
  const std::vector<bf::Instruction> instructions =
      bf::Disassembler().disassemble(x86.bytes(), address);
  if (instructions.size() != 1 || instructions[0].size != x86.size()) return "<not one instruction>";
  return instructions[0].text;
}

const int32_t kDisplacements[] = {0, 1, -1, 127, -128, 128, -129, 65536, -65536};

TEST(X86Encoder, MemoryOperandsWithEveryBaseAndDisplacement) {
  for (int base = 0; base < 16; ++base) {
    for (int32_t disp : kDisplacements) {
      const std::string m = memory(kNames64[base], disp);
      EXPECT_EQ(encoded([&](X86Encoder& x) { x.movzx_load8(Reg::kRax, at(reg(base), disp)); }),
                "movzx eax, byte ptr " + m);
      EXPECT_EQ(encoded([&](X86Encoder& x) { x.add8_imm(at(reg(base), disp), 5); }),
                "add byte ptr " + m + ", 5");
      EXPECT_EQ(encoded([&](X86Encoder& x) { x.lea(Reg::kR9, at(reg(base), disp)); }),
                "lea r9, " + m);
    }
  }
}

TEST(X86Encoder, ScaledIndex) {
  // lea rax, [rcx + rcx*2/4/8]: MulAdd products by 3, 5 and 9 (and the other bases and indexes
  // that are not rsp/rbp/r12/r13, whose SIB forms differ).
  const char* const kScales[] = {"", "*2", "*4", "*8"};
  for (uint8_t shift = 0; shift <= 3; ++shift) {
    EXPECT_EQ(encoded([&](X86Encoder& x) { x.lea(Reg::kRax, at(Reg::kRcx, Reg::kRcx, shift)); }),
              std::string("lea rax, [rcx + rcx") + kScales[shift] + "]");
    EXPECT_EQ(encoded([&](X86Encoder& x) { x.lea(Reg::kR9, at(Reg::kRbx, Reg::kR10, shift)); }),
              std::string("lea r9, [rbx + r10") + kScales[shift] + "]");
  }
}

TEST(X86Encoder, EveryRegisterInTheRegField) {
  for (int r = 0; r < 16; ++r) {
    EXPECT_EQ(encoded([&](X86Encoder& x) { x.movzx_load8(reg(r), at(Reg::kR12, 8)); }),
              std::string("movzx ") + kNames32[r] + ", byte ptr [r12 + 8]");
    EXPECT_EQ(encoded([&](X86Encoder& x) { x.mov_load(reg(r), at(Reg::kR13, -16)); }),
              std::string("mov ") + kNames64[r] + ", qword ptr [r13 - 0x10]");
    EXPECT_EQ(encoded([&](X86Encoder& x) { x.mov_store(at(Reg::kRsp), reg(r)); }),
              std::string("mov qword ptr [rsp], ") + kNames64[r]);
    EXPECT_EQ(encoded([&](X86Encoder& x) { x.cmp_load(reg(r), at(Reg::kRbp)); }),
              std::string("cmp ") + kNames64[r] + ", qword ptr [rbp]");
  }
}

TEST(X86Encoder, RegisterToRegister) {
  for (int a = 0; a < 16; ++a) {
    for (int b = 0; b < 16; ++b) {
      EXPECT_EQ(encoded([&](X86Encoder& x) { x.mov(reg(a), reg(b)); }),
                std::string("mov ") + kNames64[a] + ", " + kNames64[b]);
      EXPECT_EQ(encoded([&](X86Encoder& x) { x.cmp(reg(a), reg(b)); }),
                std::string("cmp ") + kNames64[a] + ", " + kNames64[b]);
      EXPECT_EQ(encoded([&](X86Encoder& x) { x.imul32(reg(a), reg(b)); }),
                std::string("imul ") + kNames32[a] + ", " + kNames32[b]);
    }
    EXPECT_EQ(encoded([&](X86Encoder& x) { x.test32(reg(a), reg(a)); }),
              std::string("test ") + kNames32[a] + ", " + kNames32[a]);
    EXPECT_EQ(encoded([&](X86Encoder& x) { x.imul32_imm8(reg(a), Reg::kRcx, -3); }),
              std::string("imul ") + kNames32[a] + ", ecx, -3");
    EXPECT_EQ(encoded([&](X86Encoder& x) { x.push(reg(a)); }), std::string("push ") + kNames64[a]);
    EXPECT_EQ(encoded([&](X86Encoder& x) { x.pop(reg(a)); }), std::string("pop ") + kNames64[a]);
    EXPECT_EQ(encoded([&](X86Encoder& x) { x.call(reg(a)); }), std::string("call ") + kNames64[a]);
  }
}

TEST(X86Encoder, Immediates) {
  for (int r = 0; r < 16; ++r) {
    for (int32_t imm : {1, -1, 127, -128, 128, -129, 100000, -100000}) {
      EXPECT_EQ(encoded([&](X86Encoder& x) { x.add_imm(reg(r), imm); }),
                std::string("add ") + kNames64[r] + ", " + number(imm));
    }
    EXPECT_EQ(encoded([&](X86Encoder& x) { x.mov_imm32(reg(r), 7); }),
              std::string("mov ") + kNames32[r] + ", 7");
    EXPECT_EQ(encoded([&](X86Encoder& x) { x.mov_imm64(reg(r), 0x123456789abcdef0); }),
              std::string("movabs ") + kNames64[r] + ", 0x123456789abcdef0");
  }
  EXPECT_EQ(encoded([](X86Encoder& x) { x.mov_store8_imm(at(Reg::kRbx, -1), 0xff); }),
            "mov byte ptr [rbx - 1], 0xff");
  EXPECT_EQ(encoded([](X86Encoder& x) { x.cmp8_imm(at(Reg::kR13), 0); }), "cmp byte ptr [r13], 0");
  EXPECT_EQ(encoded([](X86Encoder& x) { x.lock_sub64_imm8(at(Reg::kR12, 0x58), 1); }),
            "lock sub qword ptr [r12 + 0x58], 1");
}

TEST(X86Encoder, ByteRegistersAndIndexedStores) {
  EXPECT_EQ(encoded([](X86Encoder& x) { x.mov_store8(at(Reg::kRcx, Reg::kRdx), Reg::kRax); }),
            "mov byte ptr [rcx + rdx], al");
  EXPECT_EQ(encoded([](X86Encoder& x) { x.mov_store8(at(Reg::kR12, Reg::kR13), Reg::kRcx); }),
            "mov byte ptr [r12 + r13], cl");
  EXPECT_EQ(encoded([](X86Encoder& x) { x.mov_store8(at(Reg::kRbp, Reg::kR8), Reg::kRax); }),
            "mov byte ptr [rbp + r8], al");
  EXPECT_EQ(encoded([](X86Encoder& x) { x.add8(at(Reg::kRbx, 300), Reg::kRcx); }),
            "add byte ptr [rbx + 0x12c], cl");
  EXPECT_EQ(encoded([](X86Encoder& x) { x.sub8(at(Reg::kR14, -2), Reg::kRcx); }),
            "sub byte ptr [r14 - 2], cl");
  EXPECT_EQ(encoded([](X86Encoder& x) { x.add8(at(Reg::kRbx), Reg::kRax); }), "add byte ptr [rbx], al");
}

TEST(X86Encoder, ByteRegisterArithmetic) {
  const char* const kNames8[16] = {"al",  "cl",  "dl",   "bl",   "spl",  "bpl",  "sil",  "dil",
                                   "r8b", "r9b", "r10b", "r11b", "r12b", "r13b", "r14b", "r15b"};
  // The cache registers r8..r11 against al and cl, the only other byte registers used.
  for (int r = 8; r < 12; ++r) {
    EXPECT_EQ(encoded([&](X86Encoder& x) { x.add8_imm(reg(r), 0xff); }),
              std::string("add ") + kNames8[r] + ", 0xff");
    EXPECT_EQ(encoded([&](X86Encoder& x) { x.add8(reg(r), Reg::kRcx); }),
              std::string("add ") + kNames8[r] + ", cl");
    EXPECT_EQ(encoded([&](X86Encoder& x) { x.add8(reg(r), Reg::kRax); }),
              std::string("add ") + kNames8[r] + ", al");
    EXPECT_EQ(encoded([&](X86Encoder& x) { x.sub8(reg(r), Reg::kRcx); }),
              std::string("sub ") + kNames8[r] + ", cl");
    EXPECT_EQ(encoded([&](X86Encoder& x) { x.test8(reg(r), reg(r)); }),
              std::string("test ") + kNames8[r] + ", " + kNames8[r]);
    EXPECT_EQ(encoded([&](X86Encoder& x) { x.mov32(Reg::kRcx, reg(r)); }),
              std::string("mov ecx, ") + kNames32[r]);
    EXPECT_EQ(encoded([&](X86Encoder& x) { x.movzx_load8(reg(r), at(Reg::kRbx, -7)); }),
              std::string("movzx ") + kNames32[r] + ", byte ptr [rbx - 7]");
    EXPECT_EQ(encoded([&](X86Encoder& x) { x.mov_store8(at(Reg::kRbx, 300), reg(r)); }),
              std::string("mov byte ptr [rbx + 0x12c], ") + kNames8[r]);
  }
  EXPECT_EQ(encoded([](X86Encoder& x) { x.add8_imm(Reg::kRax, 3); }), "add al, 3");
  X86Encoder short_form;
  short_form.add8_imm(Reg::kRax, 3);
  EXPECT_EQ(short_form.bytes().size(), 2u) << "add al, imm8 has a two-byte form (04 ib)";
  EXPECT_EQ(encoded([](X86Encoder& x) { x.mov32(Reg::kR9, Reg::kRax); }), "mov r9d, eax");
}

TEST(X86Encoder, JumpsCountFromTheirEnd) {
  EXPECT_EQ(encoded([](X86Encoder& x) { x.jmp_rel8(5); }), "jmp 0x1007");
  EXPECT_EQ(encoded([](X86Encoder& x) { x.jmp_rel8(-2); }), "jmp 0x1000");
  EXPECT_EQ(encoded([](X86Encoder& x) { x.jmp_rel32(0x100); }), "jmp 0x1105");
  EXPECT_EQ(encoded([](X86Encoder& x) { x.jcc_rel8(Cond::kEqual, 0x10); }), "je 0x1012");
  EXPECT_EQ(encoded([](X86Encoder& x) { x.jcc_rel8(Cond::kNotEqual, -2); }), "jne 0x1000");
  EXPECT_EQ(encoded([](X86Encoder& x) { x.jcc_rel32(Cond::kBelow, 0x100); }), "jb 0x1106");
  EXPECT_EQ(encoded([](X86Encoder& x) { x.jcc_rel32(Cond::kAboveOrEqual, -6); }), "jae 0x1000");
  EXPECT_EQ(encoded([](X86Encoder& x) { x.jcc_rel32(Cond::kLess, 0); }), "jl 0x1006");
  EXPECT_EQ(encoded([](X86Encoder& x) { x.ret(); }), "ret");
}

TEST(X86Encoder, JumpsToLabelsAreResolvedWhenFinished) {
  X86Encoder x86;
  const jit::Label ahead = x86.new_label();
  const jit::Label near_ahead = x86.new_label();
  const jit::Label behind = x86.new_label();
  x86.bind(behind);
  x86.jcc(Cond::kEqual, ahead);             // still ahead: rel32 (6 bytes), patched by finish()
  x86.jcc_short(Cond::kNotEqual, near_ahead);  // rel8 (2 bytes), patched by finish()
  x86.ret();
  x86.bind(near_ahead);
  x86.jmp(behind);                          // bound: rel8 back (2 bytes)
  x86.bind(ahead);
  const std::vector<bf::Instruction> code = bf::Disassembler().disassemble(x86.finish(), 0x1000);
  ASSERT_EQ(code.size(), 4u);
  EXPECT_EQ(code[0].text, "je 0x100b");
  EXPECT_EQ(code[1].text, "jne 0x1009");
  EXPECT_EQ(code[3].text, "jmp 0x1000");
  EXPECT_EQ(code[3].size, 2u);
}

TEST(X86Encoder, AShortJumpBeyondRel8ReachIsRefused) {
  X86Encoder x86;
  const jit::Label far_ahead = x86.new_label();
  x86.jcc_short(Cond::kNotEqual, far_ahead);
  for (int i = 0; i < 200; ++i) x86.ret();
  x86.bind(far_ahead);
  EXPECT_THROW(x86.finish(), std::logic_error);
}

TEST(X86Encoder, AJumpToALabelNeverBoundIsRefused) {
  X86Encoder x86;
  x86.jmp(x86.new_label());
  EXPECT_THROW(x86.finish(), std::logic_error);
}

}  // namespace
}  // namespace bf::handjit
