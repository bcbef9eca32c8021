// CodeBuffer: the growing byte vector the encoder writes machine code into (little-endian).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <vector>

namespace bf::handjit {

class CodeBuffer {
 public:
  // Reserve once up front so that emitting never reallocates on typical programs.
  void reserve(size_t bytes) { bytes_.reserve(bytes); }

  void u8(uint8_t value) { bytes_.push_back(value); }
  void u32(uint32_t value) { append(&value, 4); }
  void u64(uint64_t value) { append(&value, 8); }
  // Overwrites one byte at `at` (a rel8 over a known stretch of code).
  void patch_u8(size_t at, uint8_t value) { bytes_[at] = value; }
  // Overwrites four bytes at `at` (a rel32 resolved after its label was bound).
  void patch_u32(size_t at, uint32_t value) { std::memcpy(bytes_.data() + at, &value, 4); }

  size_t size() const { return bytes_.size(); }
  std::span<const uint8_t> bytes() const { return bytes_; }

 private:
  void append(const void* data, size_t count) {
    const size_t at = bytes_.size();
    bytes_.resize(at + count);
    std::memcpy(bytes_.data() + at, data, count);
  }

  std::vector<uint8_t> bytes_;
};

}  // namespace bf::handjit
