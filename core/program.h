// Program: a flat vector of ops, with loop links and the invariant checker every pass must satisfy.
#pragma once

#include <string>
#include <vector>

#include "core/op.h"

namespace bf {

struct Program {
  std::vector<Op> ops;

  bool operator==(const Program&) const = default;
};

// Recomputes every kLoopBegin/kLoopEnd `arg` from nesting, iteratively. Passes call it after they
// rewrite, so no pass has to keep jump targets right by hand. Assumes balanced loops.
void link_loops(Program& program);

// Checks the invariants engines rely on; returns an empty string when the program is well formed,
// otherwise a description of the first violation (op index and what is wrong).
//  - loops are balanced and linked both ways; loops and scans test cell[p] (offset 0);
//  - kScan, kSeek and kMove have a non-zero arg; kSeek seeks 1..255; kMulAdd's target differs from
//    its counter, a kProduct's from both its factors;
//  - offsets stay within +-kMaxOffset, so a guard region of that size catches every stray access.
std::string verify(const Program& program);

// Largest |offset| or |from| an op may carry (their 16-bit fields hold it). Engines that rely on
// guard pages size them from it.
inline constexpr int32_t kMaxOffset = (1 << 15) - 1;

}  // namespace bf
