// AccessMap: which source command each tape-touching instruction of the generated code stands for,
// so a fault at a code address (or a failed explicit check) names the right command.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace bf::jit {

// Marks are recorded in code order, one right before each instruction sequence that touches the
// tape; a mark covers the code up to the next mark. A faulting instruction is always a tape
// access, so the mark at or before its address is the command it belongs to -- exact even when a
// sequence starts with instructions that cannot fault (imul before a MulAdd's add).
//
// The map lives as long as the code, and a program that does not fold has a mark per two
// commands, so it is stored compactly: in blocks of kBlockMarks, the block's first mark in full
// and each later one as its differences from the one before (code offset, source byte), each a
// variable-length number -- about 2.5 bytes a mark instead of 8. Looking one up decodes a block;
// only traps do that.
class AccessMap {
 public:
  void reserve(size_t marks);
  // Records that code from `code_offset` on performs the access of the command at `src`; returns
  // the mark's index (the "site" an explicit check reports). Offsets must not decrease.
  uint32_t mark(uint32_t code_offset, uint32_t src);
  uint32_t size() const { return count_; }
  uint32_t src_of_site(uint32_t site) const;
  // The source byte of the access at `code_offset`; nullopt before the first mark.
  std::optional<uint32_t> src_at(uint32_t code_offset) const;

 private:
  static constexpr uint32_t kBlockMarks = 32;
  struct Block {
    uint32_t offset;    // its first mark, in full
    uint32_t src;
    size_t first_byte;  // where the differences of its later marks start in deltas_
  };
  struct Mark {
    uint32_t offset;
    uint32_t src;
  };
  // Block `b`'s marks up to its `last`-th (counted from 0 within the block).
  template <typename Visit>
  void walk(size_t b, uint32_t last, Visit visit) const;

  std::vector<Block> blocks_;
  std::vector<uint8_t> deltas_;
  uint32_t count_ = 0;
  Mark previous_{};
};

}  // namespace bf::jit
