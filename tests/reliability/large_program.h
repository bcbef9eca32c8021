// A generated ~2 MB Brainf*ck program of the kind large real ones are (text-printing and
// generated code): comment lines, long runs of +/-, pointer moves, small clear, copy and multiply
// loops, some output. It runs to the end without leaving the tape. Generated in the test, never
// committed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace bf::testing {

// At least `bytes` bytes (a little more: the last piece is whole), the same for the same seed on
// every machine.
std::string large_program(size_t bytes, uint32_t seed = 1);

}  // namespace bf::testing
