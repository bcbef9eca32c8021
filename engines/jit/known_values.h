// KnownValues: which cells near p hold a value the compiler knows at a point of the generated code
// -- set by a Set, or zero where a loop or scan just ended -- so that an op on such a cell can be
// done without reading it (a store instead of a read-modify-write, a skipped loop test).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>

namespace bf::jit {

// Only the low byte of an amount or factor matters: cells wrap mod 256.
inline uint8_t low_byte(int32_t value) { return static_cast<uint8_t>(value); }

// Facts hold from where they are learned to the next point where paths join (a loop test, a
// scan), where the lowering clears them. A cell whose value is known was accessed since then, so
// it is certainly on the tape: KnownCells covers it too.
class KnownValues {
 public:
  void clear() { values_.clear(); }
  // p moved by `distance`; the cells keep their values.
  void move(int32_t distance) { origin_ += distance; }
  void set(int32_t offset, uint8_t value) {
    if (values_.size() >= kMaxCells && !values_.contains(origin_ + offset)) {
      values_.erase(values_.begin());  // bounded: a long straight run forgets its leftmost facts
    }
    values_[origin_ + offset] = value;
  }
  void forget(int32_t offset) { values_.erase(origin_ + offset); }
  std::optional<uint8_t> get(int32_t offset) const {
    const auto found = values_.find(origin_ + offset);
    if (found == values_.end()) return std::nullopt;
    return found->second;
  }

 private:
  static constexpr size_t kMaxCells = 64;
  int64_t origin_ = 0;                 // p's position, on a scale of its own
  std::map<int64_t, uint8_t> values_;  // by origin_ + offset at the time they were learned
};

}  // namespace bf::jit
