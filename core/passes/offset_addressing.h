// offset-addressing (O3): pointer moves inside a basic block are deferred; ops address p+offset.
#pragma once

#include "core/program.h"

namespace bf::passes {

// `>+>>-<.` becomes `add p[+1]; add p[+3]; out p[+2]` and one `move +2` where the block ends
// (before a loop begin, loop end or scan, which test cell[p]). Accesses keep their order and cells,
// and moves never trap, so every trap is unchanged. When an offset would pass kMaxOffset the
// pending move is emitted first. A move left pending at program end has no effect and is dropped.
// Rewrites in place.
Program offset_addressing(Program program);

}  // namespace bf::passes
