// Hand-built IR constructors and the naive-vs-threaded comparison used by every threaded suite.
#include "tests/threaded/ir_builder.h"

#include "core/ir_printer.h"

namespace bf::testing::ir {

Op add(int32_t amount, int32_t offset, uint32_t src) {
  return Op{.kind = OpKind::kAdd, .arg = amount, .offset = offset, .src = src};
}
Op set(int32_t value, int32_t offset, uint32_t src) {
  return Op{.kind = OpKind::kSet, .arg = value, .offset = offset, .src = src};
}
Op move(int32_t distance) { return Op{.kind = OpKind::kMove, .arg = distance}; }
Op out(int32_t offset, uint32_t src) { return Op{.kind = OpKind::kOut, .offset = offset, .src = src}; }
Op in(int32_t offset, uint32_t src) { return Op{.kind = OpKind::kIn, .offset = offset, .src = src}; }
Op loop(uint32_t src) { return Op{.kind = OpKind::kLoopBegin, .src = src}; }
Op end(uint32_t src) { return Op{.kind = OpKind::kLoopEnd, .src = src}; }
Op scan(int32_t stride, uint32_t src, uint32_t src2) {
  return Op{.kind = OpKind::kScan, .arg = stride, .src = src, .src2 = src2};
}
Op mul_add(int32_t factor, int32_t offset, int32_t from, uint32_t src, uint32_t src2) {
  return Op{.kind = OpKind::kMulAdd, .arg = factor, .offset = offset, .from = from, .src = src,
            .src2 = src2};
}

Program program(std::initializer_list<Op> ops) {
  Program result{ops};
  link_loops(result);
  EXPECT_EQ(verify(result), "") << "the test built a malformed program";
  return result;
}

Outcome run_both(const Program& program, const RunSetup& setup) {
  const Outcome naive = run_on(engine_named("naive"), program, setup);
  const Outcome threaded = run_on(engine_named("threaded"), program, setup);
  EXPECT_EQ(threaded.output, naive.output) << print_ir(program);
  EXPECT_EQ(threaded.result, naive.result)
      << "threaded: " << status_name(threaded.result.status) << " @" << threaded.result.src
      << " cell " << threaded.result.cell << "; naive: " << status_name(naive.result.status) << " @"
      << naive.result.src << " cell " << naive.result.cell << "\n"
      << print_ir(program);
  return threaded;
}

}  // namespace bf::testing::ir
