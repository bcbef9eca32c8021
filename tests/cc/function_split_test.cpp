// The cut of generated C into functions: each function is a run of whole sibling ops no longer
// than the limit (a longer loop is a function of its own with its body cut in turn), and loops
// nested too deep to compile are never cut.
#include <gtest/gtest.h>

#include "engines/cc/function_split.h"
#include "tests/support/ir_builder.h"

namespace bf::testing {
namespace {

using namespace ir;

// Does [first, end) start and end at the same nesting depth, never closing a loop it did not open?
bool is_sibling_run(const Program& program, const cc::Chunk& chunk) {
  int depth = 0;
  for (size_t i = chunk.first; i < chunk.end; ++i) {
    if (program.ops[i].kind == OpKind::kLoopBegin) ++depth;
    if (program.ops[i].kind == OpKind::kLoopEnd && --depth < 0) return false;
  }
  return depth == 0;
}

// 40 adds, a loop of 30 ops holding a loop of 12, 20 adds.
Program long_program() {
  std::vector<Op> ops(40, add(1));
  ops.push_back(begin());
  for (int i = 0; i < 8; ++i) ops.push_back(add(1, 1));
  ops.push_back(begin());
  for (int i = 0; i < 10; ++i) ops.push_back(add(-1));
  ops.push_back(end());
  for (int i = 0; i < 8; ++i) ops.push_back(move(1));
  ops.push_back(end());
  for (int i = 0; i < 20; ++i) ops.push_back(add(1));
  return program(ops);
}

TEST(FunctionSplit, FunctionsAreSiblingRunsNoLongerThanTheLimit) {
  const Program p = long_program();
  const cc::FunctionSplit split = cc::split_functions(p, 10, 256);
  ASSERT_GT(split.chunks.size(), 10u);
  EXPECT_EQ(split.chunks[0].first, 0u);
  EXPECT_EQ(split.chunks[0].end, p.ops.size());
  for (size_t c = 1; c < split.chunks.size(); ++c) {
    const cc::Chunk& chunk = split.chunks[c];
    SCOPED_TRACE(::testing::Message() << "chunk " << chunk.first << ".." << chunk.end);
    EXPECT_TRUE(is_sibling_run(p, chunk));
    EXPECT_EQ(split.starts[chunk.first], static_cast<int32_t>(c));
    // Longer only when the chunk is one loop, whose body is cut again.
    const bool one_loop = p.ops[chunk.first].kind == OpKind::kLoopBegin &&
                          static_cast<size_t>(p.ops[chunk.first].arg) + 1 == chunk.end;
    if (!one_loop) {
      EXPECT_LE(chunk.end - chunk.first, 10u);
    }
    if (one_loop && chunk.end - chunk.first > 12) {
      EXPECT_TRUE(split.cuts_inside(chunk.first + 1, chunk.end - 1));
    }
  }
}

TEST(FunctionSplit, AShortProgramIsOneFunction) {
  const Program p = long_program();
  const cc::FunctionSplit split = cc::split_functions(p, p.ops.size(), 256);
  EXPECT_EQ(split.chunks.size(), 1u);
  EXPECT_FALSE(split.cuts_inside(0, p.ops.size() - 1));
}

TEST(FunctionSplit, LoopsTooDeepToCompileAreNeverCut) {
  // With depth 1 allowed, the outer loop (30 ops) is cut, the inner one (12 ops) is not.
  const Program p = long_program();
  const cc::FunctionSplit split = cc::split_functions(p, 10, 1);
  const size_t inner = 49;  // 40 adds, '[', 8 adds
  ASSERT_EQ(p.ops[inner].kind, OpKind::kLoopBegin);
  EXPECT_FALSE(split.cuts_inside(inner + 1, static_cast<size_t>(p.ops[inner].arg)));
  EXPECT_TRUE(split.cuts_inside(41, 69));
}

}  // namespace
}  // namespace bf::testing
