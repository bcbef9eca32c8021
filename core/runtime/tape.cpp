#include "core/runtime/tape.h"

#include <sys/mman.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

#include "core/program.h"

namespace bf {

size_t Tape::rounded_size(size_t cells) {
  if (cells == 0) cells = 1;
  return (cells + kTapePageBytes - 1) / kTapePageBytes * kTapePageBytes;
}

size_t Tape::guard_bytes() {
  return rounded_size(4 * static_cast<size_t>(kMaxOffset));
}

Tape::Tape(size_t cells) : size_(rounded_size(cells)) {
  const size_t guard = guard_bytes();
  mapping_bytes_ = guard + size_ + guard;
  void* mapping = ::mmap(nullptr, mapping_bytes_, PROT_NONE,
                         MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (mapping == MAP_FAILED) {
    throw std::runtime_error("cannot map a tape of " + std::to_string(size_) +
                             " cells: " + std::strerror(errno));
  }
  mapping_ = static_cast<uint8_t*>(mapping);
  cells_ = mapping_ + guard;
  if (::mprotect(cells_, size_, PROT_READ | PROT_WRITE) != 0) {
    const int error = errno;
    ::munmap(mapping_, mapping_bytes_);
    throw std::runtime_error("cannot map a tape of " + std::to_string(size_) +
                             " cells: " + std::strerror(error));
  }
}

Tape::~Tape() { ::munmap(mapping_, mapping_bytes_); }

bool Tape::in_guard(const void* address) const {
  const auto* a = static_cast<const uint8_t*>(address);
  return a >= mapping_ && a < mapping_ + mapping_bytes_ && (a < cells_ || a >= cells_ + size_);
}

void Tape::clear() { std::memset(cells_, 0, size_); }

}  // namespace bf
