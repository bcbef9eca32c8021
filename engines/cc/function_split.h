// Function split: where the cc engine's C is cut into functions, so that the C compiler's time and
// memory stay proportional to the program (gcc -O2 is superlinear in the size of one function).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/program.h"

namespace bf::cc {

// Ops [first, end) become one function; the op sequence it covers is a run of siblings (whole
// loops), so every loop test and its jump target stay in one function.
struct Chunk {
  size_t first = 0;
  size_t end = 0;
};

struct FunctionSplit {
  std::vector<Chunk> chunks;     // chunks[0] is the whole program; nested chunks follow parents
  std::vector<int32_t> starts;   // per op index (and ops.size()): the chunk starting there, or -1
  std::vector<uint32_t> inside;  // prefix count of chunk starts and ends: see cuts_inside()

  // Does a chunk start or end at an op index in [first, last]?
  bool cuts_inside(size_t first, size_t last) const { return inside[last + 1] != inside[first]; }
  bool is_cut(size_t at) const { return cuts_inside(at, at); }
};

// Splits `program` into chunks of at most about `max_ops` ops each: a loop body longer than that is
// cut into runs of siblings, each its own function, and a loop longer than that is a function of
// its own. Loops nested `max_depth` deep or deeper are never cut (the engine leaves them to the
// checked path). Iterative: nesting depth is unbounded.
FunctionSplit split_functions(const Program& program, size_t max_ops, int max_depth);

}  // namespace bf::cc
