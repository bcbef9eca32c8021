#include "engines/jit/scan_helpers.h"

#include <cstring>

namespace bf::jit {

extern "C" uint8_t* bf_scan_right(uint8_t* from, uint8_t* end) {
  if (from >= end) return end;
  void* zero = std::memchr(from, 0, static_cast<size_t>(end - from));
  return zero != nullptr ? static_cast<uint8_t*>(zero) : end;
}

extern "C" uint8_t* bf_scan_left(uint8_t* from, uint8_t* begin) {
  if (from < begin) return begin - 1;
  // memrchr is a GNU extension (glibc vectorises it like memchr).
  void* zero = ::memrchr(begin, 0, static_cast<size_t>(from - begin) + 1);
  return zero != nullptr ? static_cast<uint8_t*>(zero) : begin - 1;
}

}  // namespace bf::jit
