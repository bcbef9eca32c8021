// AffineValue: a cell's value as a constant plus multiples of the values some cells had at a
// starting point, mod 256 -- how net-writes follows a run and affine-loops a loop's turn.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>

namespace bf::passes {

// The cells one value can depend on; callers copy runs or loops touching more as they are (their
// rewrites are quadratic in the cells).
inline constexpr size_t kMaxAffineCells = 16;

struct AffineValue {
  uint8_t constant = 0;
  std::array<uint8_t, kMaxAffineCells> factor{};  // per cell index, its starting value's factor

  // Element by element: a defaulted == compiles to memcmp, whose instruction count depends on
  // where the stack lies (the environment's size), and the regression gate counts instructions.
  bool operator==(const AffineValue& other) const {
    if (constant != other.constant) return false;
    for (size_t k = 0; k < kMaxAffineCells; ++k) {
      if (factor[k] != other.factor[k]) return false;
    }
    return true;
  }
  bool is_constant() const {
    return std::all_of(factor.begin(), factor.end(), [](uint8_t f) { return f == 0; });
  }
  // What a kMulAdd does: this += counter * times (a zero counter adds zero).
  void add_multiple(const AffineValue& counter, uint8_t times) {
    constant = static_cast<uint8_t>(constant + counter.constant * times);
    for (size_t k = 0; k < kMaxAffineCells; ++k) {
      factor[k] = static_cast<uint8_t>(factor[k] + counter.factor[k] * times);
    }
  }
};

}  // namespace bf::passes
