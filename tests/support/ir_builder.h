// Hand-built IR for the engine suites: one constructor per op kind, arguments in the order op.h
// documents them, each taking the source byte(s) it stands for so trap positions read plainly.
#pragma once

#include <cstdint>
#include <vector>

#include "core/program.h"

namespace bf::testing::ir {

Op add(int32_t amount, int32_t offset = 0, uint32_t src = 0);
Op set(int32_t value, int32_t offset = 0, uint32_t src = 0);
Op move(int32_t distance, uint32_t src = 0);
Op out(int32_t offset = 0, uint32_t src = 0);
Op in(int32_t offset = 0, uint32_t src = 0);
Op begin(uint32_t src = 0);  // '['
Op end(uint32_t src = 0);    // ']'
// while cell[p] != 0: p += stride   (the first test reports `open`, later ones `close`)
Op scan(int32_t stride, uint32_t open = 0, uint32_t close = 0);
// if cell[p+from] != 0: cell[p+offset] += cell[p+from] * factor  (the counter read reports `open`)
Op mul_add(int32_t factor, int32_t offset, int32_t from = 0, uint32_t src = 0, uint32_t open = 0);

// The ops with their loops linked. Throws std::invalid_argument unless the result passes
// verify(): engines may rely on its invariants, so a malformed test program must not reach them.
Program program(std::vector<Op> ops);

// As program(), after giving op i the source bytes 10i+1 (src) and 10i+2 (src2), so that a trap
// naming the wrong command or the wrong bracket is caught.
Program numbered_program(std::vector<Op> ops);
uint32_t numbered_src(size_t index);
uint32_t numbered_src2(size_t index);

}  // namespace bf::testing::ir
