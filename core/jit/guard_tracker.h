// GuardTracker: decides at compile time which tape accesses the guard pages are sure to catch and
// which need an explicit bounds check.
#pragma once

#include <cstdint>

namespace bf::jit {

// The guards catch an access only if it lands within guard_bytes of the tape. The tracker knows
// one cell that is certainly inside the tape -- p + known_ -- because an access to it just
// succeeded (a loop test, a scan, any cell access; at program start p itself). Pointer moves
// between such points are compile-time constants, so an access at p + offset is caught by a guard
// whenever |offset - known_| <= guard_bytes. Only programs that move more than that without
// touching a cell (never the corpus) need explicit checks.
class GuardTracker {
 public:
  explicit GuardTracker(int64_t guard_bytes) : guard_(guard_bytes) {}

  // p moved by `distance`; the known cell stays where it was.
  void move(int32_t distance) { known_ -= distance; }
  // Whether an access at p + offset must be checked explicitly.
  bool needs_check(int32_t offset) const {
    const int64_t distance = offset - known_;
    return distance < -guard_ || distance > guard_;
  }
  // An access at p + offset succeeded (the code after it runs only if it did).
  void accessed(int32_t offset) { known_ = offset; }

 private:
  int64_t guard_;
  int64_t known_ = 0;  // p + known_ is inside the tape; at program start p is cell 0
};

}  // namespace bf::jit
