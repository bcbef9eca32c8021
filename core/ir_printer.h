// IR printer: a readable, stable dump of a program (what `bfbench ir` prints; golden tests pin it).
#pragma once

#include <string>

#include "core/program.h"

namespace bf {

// One line per op: index, the op indented by loop depth, and the source byte(s) it stands for.
//   3      muladd  p[+1] += p[0] * 2     @9 @4
std::string print_ir(const Program& program);

// The op alone, without index, indentation or source bytes: "add p[+2] += 3".
std::string describe_op(const Op& op);

}  // namespace bf
