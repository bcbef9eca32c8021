#include "tests/reliability/large_program.h"

#include <random>

namespace bf::testing {

std::string large_program(size_t bytes, uint32_t seed) {
  // mt19937's raw output is the same everywhere; the <random> distributions are not.
  std::mt19937 random(seed);
  const auto draw = [&](uint32_t low, uint32_t high) {  // low..high inclusive
    return low + static_cast<uint32_t>(random() % (high - low + 1));
  };
  static constexpr const char* kWords[] = {"the", "quick", "brown", "fox", "jumps", "over",
                                           "lazy", "dog", "while", "counting", "cells"};
  std::string program(10, '>');  // the pointer starts at cell 10 and stays in 2..60
  int pointer = 10;
  while (program.size() < bytes) {
    const uint32_t kind = draw(0, 99);
    if (kind < 30) {  // a comment line
      for (uint32_t word = draw(3, 12); word > 0; --word) {
        program += kWords[draw(0, std::size(kWords) - 1)];
        program += word > 1 ? ' ' : '\n';
      }
    } else if (kind < 60) {  // a run on one cell
      program.append(draw(5, 60), draw(0, 1) ? '+' : '-');
    } else if (kind < 70) {  // a pointer move
      int step = static_cast<int>(draw(0, 8)) - 4;
      if (pointer + step < 2 || pointer + step > 60) step = -step;
      pointer += step;
      program.append(static_cast<size_t>(step < 0 ? -step : step), step < 0 ? '<' : '>');
    } else if (kind < 85) {  // a multiply loop: cell[p+n] += cell[p] * k
      const uint32_t n = draw(1, 3);
      program += "[-";
      program.append(n, '>').append(draw(1, 9), '+').append(n, '<') += ']';
    } else if (kind < 95) {  // a clear or a copy to a neighbour
      static constexpr const char* kLoops[] = {"[-]", "[->+<]", "[-<+>]"};
      program += kLoops[draw(0, 2)];
    } else {
      program += '.';
    }
  }
  return program;
}

}  // namespace bf::testing
