// Disassembler: Capstone for 64-bit x86 in Intel syntax, shared by `bfbench asm` (its listing) and
// the JIT tests (code compared as text, the way a person reads it).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

struct cs_insn;  // capstone/capstone.h, kept out of the users' includes

namespace bf {

struct Instruction {
  uint64_t address = 0;
  uint32_t size = 0;
  std::string text;      // "add byte ptr [rbx + 3], 5"
  bool is_jump = false;  // jmp / jcc with an immediate target
  uint64_t jump_target = 0;
};

// One Capstone handle, closed when dropped. Throws std::runtime_error if Capstone cannot open.
class Disassembler {
 public:
  Disassembler();
  ~Disassembler();
  Disassembler(const Disassembler&) = delete;
  Disassembler& operator=(const Disassembler&) = delete;

  // The instruction at the start of `bytes`, which run at `address`; nullopt when Capstone cannot
  // decode it.
  std::optional<Instruction> decode(std::span<const uint8_t> bytes, uint64_t address) const;

  // All of `bytes` as code at `address`, in order; an undecodable byte ends the list early.
  std::vector<Instruction> disassemble(std::span<const uint8_t> bytes, uint64_t address) const;

 private:
  size_t handle_ = 0;  // Capstone's csh
  cs_insn* insn_ = nullptr;
};

}  // namespace bf
