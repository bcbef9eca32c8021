// Capstone disassembly for the JIT tests: instructions as text, in the form Capstone prints them
// (Intel syntax), so tests can state expected code the way a person reads it.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace bf::testing {

struct Instruction {
  uint64_t address = 0;
  uint32_t size = 0;
  std::string text;           // "add byte ptr [rbx + 3], 5"
  bool is_jump = false;       // jmp / jcc with an immediate target
  uint64_t jump_target = 0;
};

// Disassembles all of `bytes` as 64-bit code at `address`. Undecodable bytes end the list early.
std::vector<Instruction> disassemble(std::span<const uint8_t> bytes, uint64_t address);

}  // namespace bf::testing
