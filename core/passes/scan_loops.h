// scan-loops (O2): `[>]`, `[<<]`, `[>>>]`, ... become one kScan of that stride.
#pragma once

#include "core/program.h"

namespace bf::passes {

// A loop whose body is a single kMove. The kScan keeps both tests' positions: the first test of
// cell[p] reports the '[' (src), every later one the ']' (src2), as at O0.
// Rewrites in place.
Program scan_loops(Program program);

}  // namespace bf::passes
