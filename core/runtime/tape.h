// Tape: the cells, mmap'd between two PROT_NONE guard regions so a stray access faults, never
// lands in foreign memory.
#pragma once

#include <cstddef>
#include <cstdint>

namespace bf {

inline constexpr size_t kDefaultTapeCells = size_t{1} << 20;  // 1 Mi cells
inline constexpr size_t kTapePageBytes = 4096;

class Tape {
 public:
  // `cells` is rounded up to whole 4 KiB pages, so the guards sit exactly at both ends of the
  // tape and every engine sees the same size. Throws std::runtime_error if mmap fails.
  explicit Tape(size_t cells = kDefaultTapeCells);
  ~Tape();
  Tape(const Tape&) = delete;
  Tape& operator=(const Tape&) = delete;

  uint8_t* begin() const { return cells_; }
  uint8_t* end() const { return cells_ + size_; }
  size_t size() const { return size_; }

  // Bytes of PROT_NONE memory on each side; at least twice kMaxOffset, so an op at any legal
  // offset from a pointer that was last inside the tape lands in a guard, not beyond it.
  static size_t guard_bytes();

  // True when `address` lies in either guard region (what a JIT's fault handler asks).
  bool in_guard(const void* address) const;

  // Zero every cell (a fresh tape for the next run).
  void clear();

  static size_t rounded_size(size_t cells);

 private:
  uint8_t* mapping_ = nullptr;
  size_t mapping_bytes_ = 0;
  uint8_t* cells_ = nullptr;
  size_t size_ = 0;
};

}  // namespace bf
