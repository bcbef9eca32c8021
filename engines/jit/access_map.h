// AccessMap: which source command each tape-touching instruction of the generated code stands for,
// so a fault at a code address (or a failed explicit check) names the right command.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace bf::jit {

// Marks are recorded in code order, one right before each instruction sequence that touches the
// tape; a mark covers the code up to the next mark. A faulting instruction is always a tape
// access, so the mark at or before its address is the command it belongs to -- exact even when a
// sequence starts with instructions that cannot fault (imul before a MulAdd's add).
class AccessMap {
 public:
  void reserve(size_t marks) {
    offsets_.reserve(marks);
    srcs_.reserve(marks);
  }
  // Records that code from `code_offset` on performs the access of the command at `src`; returns
  // the mark's index (the "site" an explicit check reports).
  uint32_t mark(uint32_t code_offset, uint32_t src) {
    offsets_.push_back(code_offset);
    srcs_.push_back(src);
    return static_cast<uint32_t>(offsets_.size() - 1);
  }
  uint32_t size() const { return static_cast<uint32_t>(offsets_.size()); }
  uint32_t src_of_site(uint32_t site) const { return srcs_[site]; }
  // The source byte of the access at `code_offset`; nullopt before the first mark.
  std::optional<uint32_t> src_at(uint32_t code_offset) const;

 private:
  std::vector<uint32_t> offsets_;  // non-decreasing
  std::vector<uint32_t> srcs_;
};

}  // namespace bf::jit
