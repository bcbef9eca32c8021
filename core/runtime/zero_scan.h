// Zero scans: `while cell[p] != 0: p += stride` as one call, for every stride, never reading
// outside the tape. SSE2 everywhere, AVX2 where the CPU has it, chosen once at start; tests (and
// BFBENCH_SCAN_ISA=scalar|sse2|avx2) may ask for a given one.
#pragma once

#include <cstdint>
#include <string_view>

namespace bf {

// Tests from, from+stride, from+2*stride, ... in that order and returns the first cell that is
// zero, or the first one outside [begin, end) -- where the naive engine's scan would trap; the
// caller reports or touches that cell (a JIT tests it again: it faults in the guard). Reads only
// cells in [begin, end). `from` must not lie on the far side of the tape the scan moves away
// from (stride > 0: from >= begin; stride < 0: from < end); it may lie beyond the end it moves
// to (then it is returned). Functions for |stride| <= kVectorScanStrides ignore the `stride`
// argument (it is in their name); the others read it.
using ZeroScan = uint8_t* (*)(uint8_t* from, uint8_t* begin, uint8_t* end, int32_t stride);

// Strides up to this (either way) get a vector kernel: a window load whose zero mask keeps the
// lanes at the stride. Longer strides are scalar, four tests per iteration.
inline constexpr int32_t kVectorScanStrides = 16;

enum class ScanIsa { kScalar, kSse2, kAvx2 };

std::string_view scan_isa_name(ScanIsa isa);

// Whether this CPU (and this build) can run `isa`.
bool scan_isa_available(ScanIsa isa);

// The best available ISA, or the one BFBENCH_SCAN_ISA names (an unavailable or unknown name
// throws std::runtime_error). Decided on the first call.
ScanIsa preferred_scan_isa();

// Cells of a stride `distance` (> 0) in a window of `window_bytes` starting at one of them.
constexpr int32_t lanes_per_window(int32_t window_bytes, int32_t distance) {
  return (window_bytes - 1) / distance + 1;
}

// Cells of the stride one window load of `isa`'s kernel for `stride` tests (1: a scalar kernel).
int zero_scan_lanes(int32_t stride, ScanIsa isa);

// The scan for `stride` (non-zero) on `isa` (which must be available).
ZeroScan zero_scan_for(int32_t stride, ScanIsa isa);
inline ZeroScan zero_scan_for(int32_t stride) { return zero_scan_for(stride, preferred_scan_isa()); }

// A seek by one cell (a kSeek of stride +1 or -1), memchr/memrchr: the contract of a ZeroScan
// for that stride, finding the last argument's value (the cell sought, 1..255) in place of zero.
ZeroScan one_cell_seek(int32_t stride);

}  // namespace bf
