// The AVX2 zero-scan kernels (32-byte windows). This file alone is compiled with -mavx2; its
// functions run only after zero_scan.cpp has seen AVX2 in the CPU.
#if defined(__x86_64__)
#include <immintrin.h>

#include "core/runtime/zero_scan_kernels.h"

namespace bf {
namespace {

struct Avx2 {
  static constexpr int kWidth = 32;
  static uint32_t zero_mask(uintptr_t address) {
    const __m256i cells = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(address));
    return static_cast<uint32_t>(
        _mm256_movemask_epi8(_mm256_cmpeq_epi8(cells, _mm256_setzero_si256())));
  }
};

}  // namespace

ZeroScan avx2_zero_scan(int32_t stride) { return kernel_for<Avx2>(stride); }

}  // namespace bf
#endif
