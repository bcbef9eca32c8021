#include "core/page_release.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>

namespace bf {

const void* release_pages(const void* begin, const void* end) {
  static const auto page = static_cast<uintptr_t>(::sysconf(_SC_PAGESIZE));
  const uintptr_t first = (reinterpret_cast<uintptr_t>(begin) + page - 1) / page * page;
  const uintptr_t last = reinterpret_cast<uintptr_t>(end) / page * page;
  if (last <= first) return begin;
  ::madvise(reinterpret_cast<void*>(first), last - first, MADV_DONTNEED);
  return reinterpret_cast<const void*>(last);
}

}  // namespace bf
