// Numbers for the random program generators, drawn from std::mt19937_64 with plain arithmetic:
// no distribution classes, whose output the standard leaves to the library, so a seed gives the
// same programs with every compiler and standard library.
#pragma once

#include <cstdint>
#include <random>

namespace bf::testing {

class RandomDraws {
 public:
  explicit RandomDraws(uint64_t seed) : rng_(seed) {}

  int below(int n) { return static_cast<int>(rng_() % static_cast<uint64_t>(n)); }  // [0, n)
  bool chance(int percent) { return below(100) < percent; }
  int between(int low, int high) { return low + below(high - low + 1); }  // [low, high]
  // [-limit, -1] or [1, limit], each side half the time.
  int nonzero(int limit) {
    const int value = between(1, limit);
    return chance(50) ? value : -value;
  }

 private:
  std::mt19937_64 rng_;
};

}  // namespace bf::testing
