// Scans on the JITs that run off the tape at strides from 1 to beyond the guard region, over a
// tape every cell of which the program has set (cells the JITs know hold 1): the trap names the
// ']' and the first cell outside. (Every engine's scans: tests/engine_ops_test.cpp. This one
// stays with the JITs: twelve programs of 4096 straight-line sets take the C compiler minutes.)
#include <gtest/gtest.h>

#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/runtime/zero_scan.h"
#include "tests/jit/jit_engines.h"
#include "tests/support/ir_builder.h"
#include "tests/support/test_corpus.h"

namespace bf::testing {
namespace {

using namespace ir;

// Under BFBENCH_SCAN_ISA naming an ISA this CPU lacks (the per-ISA ctest runs), the JITs cannot
// compile a scan: skip locally, fail under CI=true.
class JitScans : public EngineTest {
 protected:
  void SetUp() override {
    try {
      preferred_scan_isa();
    } catch (const std::runtime_error& error) {
      if (running_in_ci()) FAIL() << error.what() << " (required under CI=true)";
      GTEST_SKIP() << error.what();
    }
    EngineTest::SetUp();
  }
};

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

// Every stride -16..16 and some longer, stopping after 1..63 steps, with the zero cell at or near
// either end of the tape: only the cells the scan passes are set (1, the start 77), so the zeros
// between them must be skipped, and after the scan p - steps*stride must be the start. Run by
// ctest once per scan ISA (BFBENCH_SCAN_ISA, tests/jit/CMakeLists.txt).
TEST_P(JitScans, ScanStopsAtTheFirstZeroOnItsStrideNearEitherEnd) {
  std::vector<int32_t> strides;
  for (int32_t s = -16; s <= 16; ++s) {
    if (s != 0) strides.push_back(s);
  }
  for (int32_t s : {17, -17, 33, -40, 100, -100}) strides.push_back(s);
  for (int32_t stride : strides) {
    for (int32_t steps : {1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 15, 17, 20, 31, 33, 40, 63}) {
      const int32_t span = steps * stride;
      if (std::abs(span) >= kSmallTape) continue;
      // The zero at the far cell of the tape, a few cells short of it, or near the other end.
      const int32_t last = kSmallTape - 1;
      std::vector<int32_t> zeros = stride > 0 ? std::vector<int32_t>{last, last - 5, span + 2}
                                              : std::vector<int32_t>{0, 5, last + span - 2};
      for (int32_t zero : zeros) {
        const int32_t start = zero - span;
        if (start < 0 || start > last) continue;
        SCOPED_TRACE("stride " + std::to_string(stride) + " steps " + std::to_string(steps) +
                     " start " + std::to_string(start));
        std::vector<Op> ops{move(start, 1), set(77, 0, 2)};
        for (int32_t j = 1; j < steps; ++j) ops.push_back(set(1, j * stride, 3));
        ops.insert(ops.end(), {scan(stride, 4, 5), move(-span, 6), out(0, 7)});
        const Outcome o = run(program(ops), small_tape());
        ASSERT_EQ(o.result.status, RunStatus::kOk);
        ASSERT_EQ(o.output, "M");  // 77
      }
    }
  }
}

BF_INSTANTIATE_JIT_TEST(JitScans);

}  // namespace
}  // namespace bf::testing
