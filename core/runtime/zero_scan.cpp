#include "core/runtime/zero_scan.h"

#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>

namespace bf {

#if defined(__x86_64__)
// zero_scan_sse2.cpp, zero_scan_avx2.cpp: the kernel for a stride within kVectorScanStrides.
ZeroScan sse2_zero_scan(int32_t stride);
ZeroScan avx2_zero_scan(int32_t stride);
#endif

namespace {

// A `from` beyond the end the scan moves to is returned (compared as integers: it lies outside
// the tape). The seeks find `value`; the scans are the seeks for 0.
uint8_t* seek_right1(uint8_t* from, uint8_t*, uint8_t* end, int32_t value) {
  if (reinterpret_cast<uintptr_t>(from) >= reinterpret_cast<uintptr_t>(end)) return from;
  void* found = std::memchr(from, value, static_cast<size_t>(end - from));
  return found != nullptr ? static_cast<uint8_t*>(found) : end;
}

uint8_t* seek_left1(uint8_t* from, uint8_t* begin, uint8_t*, int32_t value) {
  if (reinterpret_cast<uintptr_t>(from) < reinterpret_cast<uintptr_t>(begin)) return from;
  // memrchr is a GNU extension (glibc vectorises it like memchr).
  void* found = ::memrchr(begin, value, static_cast<size_t>(from - begin) + 1);
  return found != nullptr ? static_cast<uint8_t*>(found) : begin - 1;
}

uint8_t* scalar_right1(uint8_t* from, uint8_t* begin, uint8_t* end, int32_t) {
  return seek_right1(from, begin, end, 0);
}

uint8_t* scalar_left1(uint8_t* from, uint8_t* begin, uint8_t* end, int32_t) {
  return seek_left1(from, begin, end, 0);
}

// Any stride, four tests per iteration while all four are on the tape, then one by one. Signed
// integer addresses: the cells beyond an end are not part of any object.
uint8_t* scalar_strided(uint8_t* from, uint8_t* begin_pointer, uint8_t* end_pointer,
                        int32_t stride) {
  const auto at = [](intptr_t address) { return *reinterpret_cast<const uint8_t*>(address); };
  const intptr_t begin = reinterpret_cast<intptr_t>(begin_pointer);
  const intptr_t end = reinterpret_cast<intptr_t>(end_pointer);
  const intptr_t s = stride;
  intptr_t p = reinterpret_cast<intptr_t>(from);
  // The fourth test's cell, p + 3s, is on the tape (the first is, moving away from the far end).
  const auto four_fit = [&] { return s > 0 ? p + 3 * s < end : p + 3 * s >= begin; };
  while (p >= begin && p < end && four_fit()) {
    if (at(p) == 0) return reinterpret_cast<uint8_t*>(p);
    if (at(p + s) == 0) return reinterpret_cast<uint8_t*>(p + s);
    if (at(p + 2 * s) == 0) return reinterpret_cast<uint8_t*>(p + 2 * s);
    if (at(p + 3 * s) == 0) return reinterpret_cast<uint8_t*>(p + 3 * s);
    p += 4 * s;
  }
  for (; p >= begin && p < end; p += s) {
    if (at(p) == 0) return reinterpret_cast<uint8_t*>(p);
  }
  return reinterpret_cast<uint8_t*>(p);
}

ZeroScan scalar_zero_scan(int32_t stride) {
  if (stride == 1) return &scalar_right1;
  if (stride == -1) return &scalar_left1;
  return &scalar_strided;
}

ScanIsa best_available() {
  if (scan_isa_available(ScanIsa::kAvx2)) return ScanIsa::kAvx2;
  if (scan_isa_available(ScanIsa::kSse2)) return ScanIsa::kSse2;
  return ScanIsa::kScalar;
}

ScanIsa chosen_isa() {
  const char* asked = std::getenv("BFBENCH_SCAN_ISA");
  if (asked == nullptr || *asked == '\0') return best_available();
  for (ScanIsa isa : {ScanIsa::kScalar, ScanIsa::kSse2, ScanIsa::kAvx2}) {
    if (scan_isa_name(isa) != asked) continue;
    if (!scan_isa_available(isa)) {
      throw std::runtime_error("BFBENCH_SCAN_ISA=" + std::string(asked) +
                               ": this CPU or build cannot run it");
    }
    return isa;
  }
  throw std::runtime_error("BFBENCH_SCAN_ISA=" + std::string(asked) +
                           ": expected scalar, sse2 or avx2");
}

}  // namespace

std::string_view scan_isa_name(ScanIsa isa) {
  switch (isa) {
    case ScanIsa::kScalar: return "scalar";
    case ScanIsa::kSse2: return "sse2";
    case ScanIsa::kAvx2: return "avx2";
  }
  return "?";
}

bool scan_isa_available(ScanIsa isa) {
  switch (isa) {
    case ScanIsa::kScalar: return true;
#if defined(__x86_64__)
    case ScanIsa::kSse2: return true;
    case ScanIsa::kAvx2: return __builtin_cpu_supports("avx2");
#else
    default: return false;
#endif
  }
  return false;
}

ScanIsa preferred_scan_isa() {
  static const ScanIsa isa = chosen_isa();
  return isa;
}

int zero_scan_lanes(int32_t stride, ScanIsa isa) {
  const int32_t distance = stride < 0 ? -stride : stride;
  const int32_t width = isa == ScanIsa::kAvx2 ? 32 : isa == ScanIsa::kSse2 ? 16 : 1;
  if (distance == 1 && width == 1) return 16;  // memchr/memrchr: glibc's are vectorised
  if (distance > kVectorScanStrides || width == 1) return 1;
  return lanes_per_window(width, distance);
}

ZeroScan zero_scan_for(int32_t stride, ScanIsa isa) {
  if (stride == 0) throw std::invalid_argument("zero_scan_for: stride 0");
  ZeroScan vector = nullptr;
#if defined(__x86_64__)
  if (isa == ScanIsa::kSse2) vector = sse2_zero_scan(stride);
  if (isa == ScanIsa::kAvx2) vector = avx2_zero_scan(stride);
#endif
  return vector != nullptr ? vector : scalar_zero_scan(stride);
}

ZeroScan one_cell_seek(int32_t stride) {
  if (stride != 1 && stride != -1) throw std::invalid_argument("one_cell_seek: stride not +-1");
  return stride == 1 ? &seek_right1 : &seek_left1;
}

}  // namespace bf
