// KnownCells: what the compiler knows, at a point of the generated code, about which cells near p
// are certainly inside the tape -- so it can tell which accesses the guard pages are sure to catch,
// which need an explicit check, and which cannot fall off the tape at all.
#pragma once

#include <algorithm>
#include <cstdint>

namespace bf::jit {

// The tape is contiguous, so if p+lo and p+hi are inside it, so is every cell between: the
// knowledge is one interval [lo, hi] of offsets from p. It grows with every access that succeeded
// (the code after an access runs only if it did), shifts with pointer moves (compile-time
// constants between loop tests), and shrinks to [0, 0] where paths join after a loop test or
// scan (p itself was just tested there). At program start p is cell 0: [0, 0].
//
// The guards catch an access only if it lands within guard_bytes of the tape, so an access at
// p + offset needs an explicit check when offset is further than that from the interval -- only
// programs that move more than 256 Ki cells without touching one.
class KnownCells {
 public:
  explicit KnownCells(int64_t guard_bytes) : guard_(guard_bytes) {}

  // p moved by `distance`; the known cells stay where they were.
  void move(int32_t distance) {
    lo_ -= distance;
    hi_ -= distance;
  }
  // An access at p + offset succeeded.
  void accessed(int32_t offset) {
    lo_ = std::min<int64_t>(lo_, offset);
    hi_ = std::max<int64_t>(hi_, offset);
  }
  // Only p itself is known (after a loop test or scan, where paths join).
  void reset() { lo_ = hi_ = 0; }

  // p + offset is certainly inside the tape.
  bool covers(int32_t offset) const { return offset >= lo_ && offset <= hi_; }
  // Whether an access at p + offset must be checked explicitly.
  bool needs_check(int32_t offset) const {
    return offset < lo_ - guard_ || offset > hi_ + guard_;
  }
  int64_t guard() const { return guard_; }
  int64_t lo() const { return lo_; }
  int64_t hi() const { return hi_; }

 private:
  int64_t guard_;
  int64_t lo_ = 0;
  int64_t hi_ = 0;
};

}  // namespace bf::jit
