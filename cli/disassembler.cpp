#include "cli/disassembler.h"

#include <capstone/capstone.h>

#include <stdexcept>
#include <type_traits>

namespace bf {

static_assert(std::is_same_v<csh, size_t>, "Disassembler::handle_ holds a csh");

Disassembler::Disassembler() {
  if (const cs_err error = cs_open(CS_ARCH_X86, CS_MODE_64, &handle_); error != CS_ERR_OK) {
    throw std::runtime_error(std::string("capstone: ") + cs_strerror(error));
  }
  cs_option(handle_, CS_OPT_SYNTAX, CS_OPT_SYNTAX_INTEL);
  cs_option(handle_, CS_OPT_DETAIL, CS_OPT_ON);  // groups and operands, to recognize jumps
  insn_ = cs_malloc(handle_);                     // after DETAIL, so it has room for the detail
}

Disassembler::~Disassembler() {
  cs_free(insn_, 1);
  cs_close(&handle_);
}

std::optional<Instruction> Disassembler::decode(std::span<const uint8_t> bytes,
                                                uint64_t address) const {
  const uint8_t* code = bytes.data();
  size_t size = bytes.size();
  if (!cs_disasm_iter(handle_, &code, &size, &address, insn_)) return std::nullopt;
  Instruction out;
  out.address = insn_->address;
  out.size = insn_->size;
  out.text = insn_->mnemonic;
  if (insn_->op_str[0] != '\0') out.text += std::string(" ") + insn_->op_str;
  const cs_x86& x86 = insn_->detail->x86;
  bool jump_group = false;
  for (uint8_t g = 0; g < insn_->detail->groups_count; ++g) {
    jump_group = jump_group || insn_->detail->groups[g] == CS_GRP_JUMP;
  }
  if (jump_group && x86.op_count == 1 && x86.operands[0].type == X86_OP_IMM) {
    out.is_jump = true;
    out.jump_target = static_cast<uint64_t>(x86.operands[0].imm);
  }
  return out;
}

std::vector<Instruction> Disassembler::disassemble(std::span<const uint8_t> bytes,
                                                   uint64_t address) const {
  std::vector<Instruction> instructions;
  size_t offset = 0;
  while (offset < bytes.size()) {
    std::optional<Instruction> next = decode(bytes.subspan(offset), address + offset);
    if (!next) break;
    offset += next->size;
    instructions.push_back(std::move(*next));
  }
  return instructions;
}

}  // namespace bf
