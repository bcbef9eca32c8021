#include <gtest/gtest.h>

#include "core/ir_printer.h"
#include "core/parser.h"
#include "core/passes/pipeline.h"

namespace bf {
namespace {

TEST(IrPrinter, O0DumpShowsOneOpPerCommandIndentedByLoopDepth) {
  const Program program = parse(Source("p", "+[->,.<]"));
  EXPECT_EQ(print_ir(program),
            "0     add p[0] += 1                     @0\n"
            "1     loop while p[0] -> 7              @1\n"
            "2       add p[0] += -1                  @2\n"
            "3       move p += 1                     @3\n"
            "4       in p[0]                         @4\n"
            "5       out p[0]                        @5\n"
            "6       move p += -1                    @6\n"
            "7     end -> 1                          @7\n");
}

TEST(IrPrinter, DescribesEveryKindWithOffsets) {
  EXPECT_EQ(describe_op(Op{OpKind::kAdd, 3, 2}), "add p[+2] += 3");
  EXPECT_EQ(describe_op(Op{OpKind::kSet, 0, -1}), "set p[-1] = 0");
  EXPECT_EQ(describe_op(Op{OpKind::kScan, -2}), "scan p[0] != 0, p -2");
  EXPECT_EQ(describe_op(Op{OpKind::kMulAdd, 5, 1, -3}), "muladd p[+1] += p[-3] * 5");
  EXPECT_EQ(describe_op(Op{OpKind::kOut, 0, 4}), "out p[+4]");
  EXPECT_EQ(describe_op(Op{OpKind::kIn, 0, -4}), "in p[-4]");
  EXPECT_EQ(describe_op(Op{OpKind::kMove, -7}), "move p += -7");
}

TEST(IrPrinter, ScanAndMulAddShowBothSourceBytes) {
  Program program;
  program.ops = {Op{.kind = OpKind::kScan, .arg = 1, .src = 4, .src2 = 6},
                 Op{.kind = OpKind::kMulAdd, .arg = 2, .offset = 1, .src = 9, .src2 = 7}};
  EXPECT_EQ(print_ir(program),
            "0     scan p[0] != 0, p +1              @4 @6\n"
            "1     muladd p[+1] += p[0] * 2          @9 @7\n");
}

TEST(Verify, AcceptsWhatTheParserMakes) {
  EXPECT_EQ(verify(parse(Source("p", "++[>[-]<-]>[<]."))), "");
}

TEST(Verify, RejectsUnlinkedLoops) {
  Program program = parse(Source("p", "[[]]"));
  program.ops[1].arg = 3;
  EXPECT_EQ(verify(program), "op 2: loop not linked to its begin at op 1");
  link_loops(program);
  EXPECT_EQ(verify(program), "");
}

TEST(Verify, RejectsUnbalancedLoops) {
  Program program;
  program.ops = {Op{OpKind::kLoopBegin}};
  EXPECT_EQ(verify(program), "op 0: loop begin without an end");
  program.ops = {Op{OpKind::kLoopEnd}};
  EXPECT_EQ(verify(program), "op 0: loop end without a begin");
}

TEST(Verify, RejectsMalformedOps) {
  EXPECT_EQ(verify(Program{{Op{OpKind::kMove, 0}}}), "op 0: move by 0");
  EXPECT_EQ(verify(Program{{Op{OpKind::kScan, 0}}}), "op 0: scan with stride 0");
  EXPECT_EQ(verify(Program{{Op{OpKind::kScan, 1, 1}}}), "op 0: scan must test cell[p]");
  EXPECT_EQ(verify(Program{{Op{OpKind::kMulAdd, 1, 2, 2}}}), "op 0: muladd target equals its counter");
  EXPECT_EQ(verify(Program{{Op{OpKind::kAdd, 1, kMaxOffset + 1}}}),
            "op 0: offset beyond +-" + std::to_string(kMaxOffset));
}

TEST(Optimizer, LevelZeroRunsNoPassAndKeepsTheProgram) {
  const Program program = parse(Source("p", "+[->+<]"));
  EXPECT_TRUE(passes_for_level(0).empty());
  EXPECT_EQ(optimize(program, 0), program);
}

TEST(Optimizer, UnknownLevelIsRejected) {
  EXPECT_THROW(passes_for_level(kMaxLevel + 1), std::out_of_range);
  EXPECT_THROW(passes_for_level(-1), std::out_of_range);
}

}  // namespace
}  // namespace bf
