#include "engines/jit/code_memory.h"

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>
#include <utility>

#include "core/engine.h"

namespace bf::jit {

namespace {

size_t page_rounded(size_t bytes) {
  const size_t page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
  return (std::max<size_t>(bytes, 1) + page - 1) / page * page;
}

}  // namespace

CodeMemory::CodeMemory(size_t bytes) : size_(bytes), mapping_bytes_(page_rounded(bytes)) {
  void* mapping = ::mmap(nullptr, mapping_bytes_, PROT_READ | PROT_WRITE,
                         MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mapping == MAP_FAILED) {
    throw CompileError("cannot map " + std::to_string(mapping_bytes_) +
                       " bytes for generated code: " + std::strerror(errno));
  }
  data_ = static_cast<uint8_t*>(mapping);
}

CodeMemory CodeMemory::copy_of(std::span<const uint8_t> code) {
  CodeMemory memory(code.size());
  std::memcpy(memory.writable(), code.data(), code.size());
  memory.seal();
  return memory;
}

CodeMemory::CodeMemory(CodeMemory&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)),
      size_(std::exchange(other.size_, 0)),
      mapping_bytes_(std::exchange(other.mapping_bytes_, 0)),
      sealed_(std::exchange(other.sealed_, false)) {}

CodeMemory& CodeMemory::operator=(CodeMemory&& other) noexcept {
  if (this != &other) {
    release();
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
    mapping_bytes_ = std::exchange(other.mapping_bytes_, 0);
    sealed_ = std::exchange(other.sealed_, false);
  }
  return *this;
}

CodeMemory::~CodeMemory() { release(); }

void CodeMemory::release() {
  if (data_ != nullptr) ::munmap(data_, mapping_bytes_);
  data_ = nullptr;
}

uint8_t* CodeMemory::writable() {
  if (sealed_) throw CompileError("generated code is sealed (read-execute) and cannot be written");
  return data_;
}

void CodeMemory::seal() {
  if (sealed_) return;
  if (::mprotect(data_, mapping_bytes_, PROT_READ | PROT_EXEC) != 0) {
    throw CompileError(std::string("cannot make generated code executable: ") + std::strerror(errno));
  }
  sealed_ = true;
}

}  // namespace bf::jit
