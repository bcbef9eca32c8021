// Every call generated code makes into C++ happens with rsp 16-byte aligned (System V): the runtime
// functions, and what they call, see an aligned frame -- on input, on every output flush, with and
// without step counting.
#include <gtest/gtest.h>

#include <cstdint>
#include <memory>

#include "core/runtime/program_run.h"
#include "tests/jit/jit_engines.h"
#include "tests/support/ir_builder.h"

namespace bf::testing {
namespace {

using namespace ir;

// Called at the top of a virtual function that only other translation units call (so the compiler
// must assume the ABI's alignment at its entry): with the frame pointer this forces, rbp = entry
// rsp - 8, and entry rsp is 8 mod 16 exactly when the caller's rsp was 16-byte aligned at its
// `call`. The C++ between generated code and here keeps that property, so a misaligned call from
// generated code shows up as a misaligned frame.
#define BF_FRAME_IS_ALIGNED() (reinterpret_cast<uintptr_t>(__builtin_frame_address(0)) % 16 == 0)

class AlignmentProbeSink final : public OutputSink {
 public:
  void write(const uint8_t*, size_t count) override {
    writes += 1;
    bytes += count;
    misaligned += BF_FRAME_IS_ALIGNED() ? 0 : 1;
  }
  int writes = 0;
  size_t bytes = 0;
  int misaligned = 0;
};

class AlignmentProbeSource final : public InputSource {
 public:
  size_t read(uint8_t* buffer, size_t) override {
    reads += 1;
    misaligned += BF_FRAME_IS_ALIGNED() ? 0 : 1;
    buffer[0] = 3;
    return 1;
  }
  int reads = 0;
  int misaligned = 0;
};

class JitCallAlignment : public EngineTest {};

TEST_P(JitCallAlignment, RuntimeCallsSeeAnAlignedStack) {
  // cell0 = input (3), cells 2 and 3 = 1. Three times: output cell0 (flushed at once: capacity
  // 1), scan right from cell 2 to cell 4 and left from cell 3 to cell 1 (helper calls), decrement.
  const Program calls =
      program({in(0, 0), set(1, 2, 1), set(1, 3, 2), begin(3), out(0, 4), move(2, 5), scan(1, 6, 7),
               move(-1, 8), scan(-1, 9, 10), move(-1, 11), add(-1, 0, 12), end(13)});
  for (bool count_steps : {false, true}) {
    SCOPED_TRACE(count_steps ? "counting steps" : "not counting steps");
    CompileOptions options;
    options.count_steps = count_steps;
    const std::unique_ptr<Executable> executable = engine().make()->compile(calls, options);
    AlignmentProbeSink sink;
    AlignmentProbeSource input;
    ProgramRun run(sink, input, {.max_steps = count_steps ? 1000u : 0u});
    run.state().out_capacity = 1;  // every `.` flushes from generated code
    Tape tape(4096);
    const RunResult result = run.run(*executable, tape);
    EXPECT_TRUE(result.ok()) << status_name(result.status);
    EXPECT_EQ(input.reads, 1);
    EXPECT_EQ(sink.writes, 3);
    EXPECT_EQ(sink.bytes, 3u);
    EXPECT_EQ(input.misaligned, 0);
    EXPECT_EQ(sink.misaligned, 0);
  }
}

BF_INSTANTIATE_JIT_TEST(JitCallAlignment);

}  // namespace
}  // namespace bf::testing
