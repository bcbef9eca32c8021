// The SSE2 zero-scan kernels (16-byte windows). Every x86-64 CPU has SSE2.
#if defined(__x86_64__)
#include <emmintrin.h>

#include "core/runtime/zero_scan_kernels.h"

namespace bf {
namespace {

struct Sse2 {
  static constexpr int kWidth = 16;
  static uint32_t zero_mask(uintptr_t address) {
    const __m128i cells = _mm_loadu_si128(reinterpret_cast<const __m128i*>(address));
    return static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(cells, _mm_setzero_si128())));
  }
};

}  // namespace

ZeroScan sse2_zero_scan(int32_t stride) { return kernel_for<Sse2>(stride); }

}  // namespace bf
#endif
