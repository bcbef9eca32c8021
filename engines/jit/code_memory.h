// CodeMemory: owns the pages generated code runs from -- mapped read-write while it is written,
// then read-execute; never both at once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace bf::jit {

class CodeMemory {
 public:
  // Maps `bytes` (rounded up to whole pages) read-write. Throws CompileError if mmap fails.
  explicit CodeMemory(size_t bytes);
  // Maps, copies `code` in and seals it: the usual way to install position-independent code.
  static CodeMemory copy_of(std::span<const uint8_t> code);

  CodeMemory(CodeMemory&& other) noexcept;
  CodeMemory& operator=(CodeMemory&& other) noexcept;
  CodeMemory(const CodeMemory&) = delete;
  CodeMemory& operator=(const CodeMemory&) = delete;
  ~CodeMemory();

  // Where to write the code; only before seal().
  uint8_t* writable();
  // Switches the pages to read-execute. Throws CompileError if mprotect fails.
  void seal();

  const uint8_t* data() const { return data_; }
  size_t size() const { return size_; }  // the bytes asked for, not the rounded mapping
  bool sealed() const { return sealed_; }

 private:
  void release();

  uint8_t* data_ = nullptr;
  size_t size_ = 0;
  size_t mapping_bytes_ = 0;
  bool sealed_ = false;
};

}  // namespace bf::jit
