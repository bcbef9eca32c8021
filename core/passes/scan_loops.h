// scan-loops (O2): `[>]`, `[<<]`, `[>>>]`, ... become one kScan of that stride.
#pragma once

#include "core/program.h"

namespace bf::passes {

// A loop whose body is a single kMove. The kScan keeps both tests' positions: the first test of
// cell[p] reports the '[' (src), every later one the ']' (src2), as at O0.
Program scan_loops(const Program& program);

}  // namespace bf::passes
