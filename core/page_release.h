// release_pages: gives memory whose contents are no longer needed back to the system without
// freeing it, so a large buffer can shrink while its owner still holds it.
#pragma once

namespace bf {

// Releases the whole pages inside [begin, end): private anonymous memory there reads as zeros
// afterwards (MADV_DONTNEED). For a buffer's unused tail or the ops a consumer has read and will
// not read again; the allocator's own bookkeeping lies outside any buffer it handed out. Failing
// to release is harmless, so errors are ignored. Returns where the released pages end (`begin` if
// there were none): the `begin` of a consumer's next call, so that no page falls between two.
const void* release_pages(const void* begin, const void* end);

}  // namespace bf
