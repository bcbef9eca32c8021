// release_pages: gives memory whose contents are no longer needed back to the system without
// freeing it, so a large buffer can shrink while its owner still holds it. ConsumedPrefix: the
// same for an array its consumer reads front to back, in steps.
#pragma once

#include <cstddef>

namespace bf {

// Releases the whole pages inside [begin, end): private anonymous memory there reads as zeros
// afterwards (MADV_DONTNEED). For a buffer's unused tail or the ops a consumer has read and will
// not read again; the allocator's own bookkeeping lies outside any buffer it handed out. Failing
// to release is harmless, so errors are ignored. Returns where the released pages end (`begin` if
// there were none): the `begin` of a consumer's next call, so that no page falls between two.
const void* release_pages(const void* begin, const void* end);

// The front of an array that a consumer (a decoder, a lowering) walks once and gives up as it goes,
// so that what it builds never sits beside the whole input. The pages are released in steps of
// kStepBytes: one madvise per step, not per element.
class ConsumedPrefix {
 public:
  static constexpr size_t kStepBytes = size_t{64} << 10;

  explicit ConsumedPrefix(const void* begin) : released_to_(static_cast<const char*>(begin)) {}

  // Nothing before `end` is read again: its pages go once a step's worth has gathered.
  void done_before(const void* end) {
    if (static_cast<const char*>(end) >= released_to_ + kStepBytes) release_to(end);
  }
  // Nothing before `begin` is read again, but [begin, end) is: the pages before `begin` go now,
  // those from `end` on later; the page `end` is in stays (release_pages keeps a partial page).
  void keep(const void* begin, const void* end) {
    release_pages(released_to_, begin);
    released_to_ = static_cast<const char*>(end);
  }

 private:
  void release_to(const void* end) {
    released_to_ = static_cast<const char*>(release_pages(released_to_, end));
  }

  const char* released_to_;  // pages before this are released (or kept by keep())
};

}  // namespace bf
