// C translator: an optimized Program -> the C source the system compiler builds (one entry point).
#pragma once

#include <string>

#include "core/engine.h"
#include "core/program.h"

namespace bf::cc {

// The source defines `int bf_cc_main(cells, size, state, env)` (see cc_abi.h). It runs unchecked
// wherever it has proved that the accesses ahead stay on the tape, and hands the rest of the run to
// the checked path where it cannot, so traps, steps and output match the naive engine exactly:
//  - a region (straight-line ops and the fixed loops among them, see loop_shape.h) checks once,
//    before it starts, the cells it is sure to touch;
//  - a fixed loop checks on entry only the sure cells its region's check did not cover;
//  - a multiply whose target lies outside the checked cells checks that target alone;
//  - a loop whose body is one region moves the same way every iteration: after the first
//    iteration's check, each further one checks only the end it moves towards;
//  - scans find the next zero cell with memchr/memrchr (stride +-1) or four steps per check;
//  - loops nested deeper than the compiler copes with run on the checked path, which returns.
//  - the ops are cut into functions of at most about `max_function_ops` ops (function_split.h),
//    each called with p and returning it; a call that returns p off the tape hands over.
// Every check covers only accesses that certainly follow (unless the run stops first), so a failed
// one ends in a trap, and handing over for good costs a correct program nothing.
// The function length the engine uses: gcc -O2 is superlinear in a function's length (awib-0.4 as
// one function: 39 s and 650 MB); from 300 to 3000 ops per function its time per op is flat.
inline constexpr size_t kMaxFunctionOps = 1000;

std::string translate_to_c(const Program& program, const CompileOptions& options,
                           size_t max_function_ops = kMaxFunctionOps);

}  // namespace bf::cc
