// CellInterval: the cells, as offsets from the data pointer, that are certainly on the tape.
// The tape is contiguous, so when two cells are on it every cell between them is too: one interval
// says all there is to know. Passes (net-writes) and code generators (cc's fixed regions) use it to
// tell which accesses cannot trap.
#pragma once

#include <algorithm>
#include <cstdint>

namespace bf {

class CellInterval {
 public:
  // Nothing known (a default-constructed interval), or only `cell`.
  CellInterval() = default;
  static CellInterval only(int64_t cell) {
    CellInterval interval;
    interval.add(cell);
    return interval;
  }

  // An access to `cell` went through (or is certain to happen before any that could trap).
  void add(int64_t cell) {
    low_ = empty_ ? cell : std::min(low_, cell);
    high_ = empty_ ? cell : std::max(high_, cell);
    empty_ = false;
  }
  // The data pointer moved by `distance`: the same cells now lie at offsets `distance` lower.
  void pointer_moved(int64_t distance) {
    low_ -= distance;
    high_ -= distance;
  }

  bool empty() const { return empty_; }
  bool covers(int64_t cell) const { return covers(cell, cell); }
  bool covers(int64_t low, int64_t high) const {
    return !empty_ && low_ <= low && high <= high_;
  }
  // The ends; meaningful only when !empty().
  int64_t low() const { return low_; }
  int64_t high() const { return high_; }

 private:
  bool empty_ = true;
  int64_t low_ = 0;
  int64_t high_ = 0;
};

}  // namespace bf
