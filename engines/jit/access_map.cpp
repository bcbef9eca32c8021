#include "engines/jit/access_map.h"

#include <algorithm>

namespace bf::jit {

namespace {

// LEB128: seven bits a byte, low first; the high bit says another byte follows. Writes at most
// 5 bytes at `out`; returns how many.
size_t encode_number(uint8_t* out, uint32_t value) {
  size_t n = 0;
  while (value >= 0x80) {
    out[n++] = static_cast<uint8_t>(value | 0x80);
    value >>= 7;
  }
  out[n++] = static_cast<uint8_t>(value);
  return n;
}

uint32_t take_number(const std::vector<uint8_t>& bytes, size_t& at) {
  uint32_t value = 0;
  for (int shift = 0;; shift += 7) {
    const uint8_t byte = bytes[at++];
    value |= static_cast<uint32_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) return value;
  }
}

// A source byte may come before the previous mark's (a loop's `]` after its body, out-of-line
// code): the difference, mod 2^32, as a signed number, zigzag-encoded so that small ones of either
// sign stay short.
uint32_t zigzag(uint32_t difference) {
  const auto signed_difference = static_cast<int32_t>(difference);
  return (difference << 1) ^ static_cast<uint32_t>(signed_difference >> 31);
}

uint32_t unzigzag(uint32_t value) { return (value >> 1) ^ (0u - (value & 1)); }

}  // namespace

void AccessMap::reserve(size_t marks) {
  blocks_.reserve(marks / kBlockMarks + 1);
  deltas_.reserve(2 * marks);
}

uint32_t AccessMap::mark(uint32_t code_offset, uint32_t src) {
  if (count_ % kBlockMarks == 0) {
    blocks_.push_back(Block{code_offset, src, deltas_.size()});
  } else {
    // Both numbers encoded first and appended at once: a mark per access makes this hot.
    uint8_t encoded[10];
    size_t n = encode_number(encoded, code_offset - previous_.offset);
    n += encode_number(encoded + n, zigzag(src - previous_.src));
    deltas_.insert(deltas_.end(), encoded, encoded + n);
  }
  previous_ = Mark{code_offset, src};
  return count_++;
}

template <typename Visit>
void AccessMap::walk(size_t b, uint32_t last, Visit visit) const {
  const Block& block = blocks_[b];
  Mark mark{block.offset, block.src};
  size_t at = block.first_byte;
  for (uint32_t k = 0;; ++k) {
    if (!visit(mark) || k == last) return;
    mark.offset += take_number(deltas_, at);
    mark.src += unzigzag(take_number(deltas_, at));
  }
}

uint32_t AccessMap::src_of_site(uint32_t site) const {
  uint32_t src = 0;
  walk(site / kBlockMarks, site % kBlockMarks, [&](const Mark& mark) {
    src = mark.src;
    return true;
  });
  return src;
}

std::optional<uint32_t> AccessMap::src_at(uint32_t code_offset) const {
  // The last mark at or before code_offset: in the last block that starts at or before it.
  const auto after = std::upper_bound(
      blocks_.begin(), blocks_.end(), code_offset,
      [](uint32_t offset, const Block& block) { return offset < block.offset; });
  if (after == blocks_.begin()) return std::nullopt;
  const auto b = static_cast<size_t>(after - blocks_.begin()) - 1;
  const uint32_t marks_in_block =
      std::min(kBlockMarks, count_ - static_cast<uint32_t>(b) * kBlockMarks);
  uint32_t src = 0;
  walk(b, marks_in_block - 1, [&](const Mark& mark) {
    if (mark.offset > code_offset) return false;
    src = mark.src;
    return true;
  });
  return src;
}

}  // namespace bf::jit
