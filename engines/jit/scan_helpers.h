// Runtime helpers generated code calls for stride +1/-1 scans: memchr-class searches bounded by
// the tape, so a scan never reads outside it.
#pragma once

#include <cstdint>

namespace bf::jit {

// The first zero cell in [from, end), or `end` when there is none. The caller's next test of the
// returned cell then faults in the right guard, naming the cell the naive engine reports.
extern "C" uint8_t* bf_scan_right(uint8_t* from, uint8_t* end);

// The last zero cell in [begin, from], or begin - 1 when there is none (also when from < begin).
extern "C" uint8_t* bf_scan_left(uint8_t* from, uint8_t* begin);

}  // namespace bf::jit
