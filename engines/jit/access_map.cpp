#include "engines/jit/access_map.h"

#include <algorithm>

namespace bf::jit {

std::optional<uint32_t> AccessMap::src_at(uint32_t code_offset) const {
  // The last mark at or before code_offset.
  const auto after = std::upper_bound(offsets_.begin(), offsets_.end(), code_offset);
  if (after == offsets_.begin()) return std::nullopt;
  return srcs_[static_cast<size_t>(after - offsets_.begin()) - 1];
}

}  // namespace bf::jit
