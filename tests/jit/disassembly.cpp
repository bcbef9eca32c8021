#include "tests/jit/disassembly.h"

#include <capstone/capstone.h>

#include <stdexcept>

namespace bf::testing {

std::vector<Instruction> disassemble(std::span<const uint8_t> bytes, uint64_t address) {
  csh handle;
  if (cs_open(CS_ARCH_X86, CS_MODE_64, &handle) != CS_ERR_OK) {
    throw std::runtime_error("capstone: cannot open an x86-64 disassembler");
  }
  cs_option(handle, CS_OPT_DETAIL, CS_OPT_ON);
  cs_insn* insns = nullptr;
  const size_t count = cs_disasm(handle, bytes.data(), bytes.size(), address, 0, &insns);
  std::vector<Instruction> result;
  result.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    const cs_insn& insn = insns[i];
    Instruction out;
    out.address = insn.address;
    out.size = insn.size;
    out.text = std::string(insn.mnemonic) + (insn.op_str[0] != '\0' ? " " : "") + insn.op_str;
    const cs_x86& x86 = insn.detail->x86;
    bool jump_group = false;
    for (uint8_t g = 0; g < insn.detail->groups_count; ++g) {
      jump_group = jump_group || insn.detail->groups[g] == CS_GRP_JUMP;
    }
    if (jump_group && x86.op_count == 1 && x86.operands[0].type == X86_OP_IMM) {
      out.is_jump = true;
      out.jump_target = static_cast<uint64_t>(x86.operands[0].imm);
    }
    result.push_back(std::move(out));
  }
  cs_free(insns, count);
  cs_close(&handle);
  return result;
}

}  // namespace bf::testing
