// Scans on the JITs that run off the tape at strides from 1 to beyond the guard region, over a
// tape every cell of which the program has set (cells the JITs know hold 1): the trap names the
// ']' and the first cell outside. (Every engine's scans: tests/engine_ops_test.cpp. This one
// stays with the JITs: twelve programs of 4096 straight-line sets take the C compiler minutes.)
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/jit/jit_engines.h"
#include "tests/support/ir_builder.h"

namespace bf::testing {
namespace {

using namespace ir;

class JitScans : public EngineTest {};

TEST_P(JitScans, ScanRunningOffTheTapeTrapsAtTheClosingBracket) {
  // No zero anywhere: every stride runs off an end; the cell is the first one outside.
  for (int32_t stride : {1, -1, 2, -2, 3, -7, 100, -100, 4096, -4096, 5000, -5000}) {
    SCOPED_TRACE("stride " + std::to_string(stride));
    std::vector<Op> ops;
    for (int32_t i = 0; i < kSmallTape; ++i) ops.push_back(set(1, i, 0));
    const int32_t start = stride > 0 ? 10 : kSmallTape - 10;
    ops.insert(ops.end(), {move(start, 1), scan(stride, 2, 3)});
    const Outcome o = run(program(ops), small_tape());
    EXPECT_EQ(o.result.src, 3u);
    int64_t cell = start;
    while (cell >= 0 && cell < kSmallTape) cell += stride;
    EXPECT_EQ(o.result.cell, cell);
  }
}

BF_INSTANTIATE_JIT_TEST(JitScans);

}  // namespace
}  // namespace bf::testing
