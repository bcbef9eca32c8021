// The vector zero-scan kernels, written once over a vector type V:
//   V::kWidth bytes per window; V::zero_mask(p): bit i set when p[i] == 0 (an unaligned load).
// Included only by the per-ISA files (zero_scan_sse2.cpp, zero_scan_avx2.cpp), each compiled for
// its ISA; everything here has internal linkage so that no AVX2 copy of a function can stand in
// for the SSE2 one at link time.
#pragma once

#include <cstdint>
#include <utility>

#include "core/runtime/zero_scan.h"

namespace bf {
namespace {

// Bits first, first+step, ... (as far as they stay below `width`) -- the lanes at the stride.
constexpr uint32_t lane_bits(int first, int step, int width) {
  uint32_t bits = 0;
  for (int bit = first; bit >= 0 && bit < width; bit += step) bits |= uint32_t{1} << bit;
  return bits;
}

// Addresses are integers here: `from` and the result may lie outside the tape, where pointer
// arithmetic is undefined.
inline uint8_t* to_pointer(uintptr_t address) { return reinterpret_cast<uint8_t*>(address); }
inline uint8_t cell(uintptr_t address) { return *reinterpret_cast<const uint8_t*>(address); }

// Stride +S: window [p, p + W) holds the cells p, p+S, ... p+(lanes-1)S; the next window starts
// at the next cell of the stride. Four windows per iteration while they fit, then one, then the
// last cells (fewer than a window) one by one.
template <class V, int S>
uint8_t* scan_forward(uint8_t* from, uint8_t*, uint8_t* end_pointer, int32_t) {
  constexpr int kWidth = V::kWidth;
  constexpr uintptr_t kLanes = lanes_per_window(kWidth, S);
  constexpr uintptr_t kAdvance = S * kLanes;
  constexpr uint32_t kMask = lane_bits(0, S, kWidth);
  uintptr_t p = reinterpret_cast<uintptr_t>(from);
  const uintptr_t end = reinterpret_cast<uintptr_t>(end_pointer);
  while (p < end && end - p >= 3 * kAdvance + kWidth) {
    const uint32_t m0 = V::zero_mask(p) & kMask;
    const uint32_t m1 = V::zero_mask(p + kAdvance) & kMask;
    const uint32_t m2 = V::zero_mask(p + 2 * kAdvance) & kMask;
    const uint32_t m3 = V::zero_mask(p + 3 * kAdvance) & kMask;
    if ((m0 | m1 | m2 | m3) != 0) {
      if (m0 != 0) return to_pointer(p + __builtin_ctz(m0));
      if (m1 != 0) return to_pointer(p + kAdvance + __builtin_ctz(m1));
      if (m2 != 0) return to_pointer(p + 2 * kAdvance + __builtin_ctz(m2));
      return to_pointer(p + 3 * kAdvance + __builtin_ctz(m3));
    }
    p += 4 * kAdvance;
  }
  while (p < end && end - p >= kWidth) {
    const uint32_t m = V::zero_mask(p) & kMask;
    if (m != 0) return to_pointer(p + __builtin_ctz(m));
    p += kAdvance;
  }
  for (; p < end; p += S) {
    if (cell(p) == 0) return to_pointer(p);
  }
  return to_pointer(p);
}

// Stride -S, the mirror image: window [p - W + 1, p], the cells p, p-S, ... in its high lanes;
// the highest zero lane is the nearest.
template <class V, int S>
uint8_t* scan_backward(uint8_t* from, uint8_t* begin_pointer, uint8_t*, int32_t) {
  constexpr int kWidth = V::kWidth;
  constexpr uintptr_t kLanes = lanes_per_window(kWidth, S);
  constexpr uintptr_t kAdvance = S * kLanes;
  constexpr uint32_t kMask = lane_bits(kWidth - 1 - (kLanes - 1) * S, S, kWidth);
  constexpr uintptr_t kBack = kWidth - 1;  // window start to its last lane
  uintptr_t p = reinterpret_cast<uintptr_t>(from);
  const uintptr_t begin = reinterpret_cast<uintptr_t>(begin_pointer);
  const auto nearest = [](uintptr_t window, uint32_t m) {
    return to_pointer(window + 31 - __builtin_clz(m));
  };
  while (p >= begin && p - begin >= 3 * kAdvance + kBack) {
    const uint32_t m0 = V::zero_mask(p - kBack) & kMask;
    const uint32_t m1 = V::zero_mask(p - kAdvance - kBack) & kMask;
    const uint32_t m2 = V::zero_mask(p - 2 * kAdvance - kBack) & kMask;
    const uint32_t m3 = V::zero_mask(p - 3 * kAdvance - kBack) & kMask;
    if ((m0 | m1 | m2 | m3) != 0) {
      if (m0 != 0) return nearest(p - kBack, m0);
      if (m1 != 0) return nearest(p - kAdvance - kBack, m1);
      if (m2 != 0) return nearest(p - 2 * kAdvance - kBack, m2);
      return nearest(p - 3 * kAdvance - kBack, m3);
    }
    p -= 4 * kAdvance;
  }
  while (p >= begin && p - begin >= kBack) {
    const uint32_t m = V::zero_mask(p - kBack) & kMask;
    if (m != 0) return nearest(p - kBack, m);
    p -= kAdvance;
  }
  for (; p >= begin; p -= S) {
    if (cell(p) == 0) return to_pointer(p);
  }
  return to_pointer(p);
}

// The kernels for strides -kVectorScanStrides..kVectorScanStrides on V (index stride +
// kVectorScanStrides; the middle entry, stride 0, is null).
template <class V, int... S>
constexpr auto make_table(std::integer_sequence<int, S...>) {
  constexpr int kMax = kVectorScanStrides;
  struct Table {
    ZeroScan at[2 * kMax + 1];
  } table{};
  ((table.at[kMax + S + 1] = &scan_forward<V, S + 1>), ...);
  ((table.at[kMax - S - 1] = &scan_backward<V, S + 1>), ...);
  return table;
}

template <class V>
ZeroScan kernel_for(int32_t stride) {
  static constexpr auto kTable =
      make_table<V>(std::make_integer_sequence<int, kVectorScanStrides>());
  if (stride == 0 || stride > kVectorScanStrides || stride < -kVectorScanStrides) return nullptr;
  return kTable.at[stride + kVectorScanStrides];
}

}  // namespace
}  // namespace bf
