// Golden IR dumps: each pass alone on small programs, then each level's whole pipeline.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "core/ir_printer.h"
#include "core/parser.h"
#include "core/passes/pipeline.h"

namespace bf {
namespace {

const Pass& pass_named(std::string_view name) {
  for (const Pass& pass : all_passes()) {
    if (pass.name == name) return pass;
  }
  throw std::invalid_argument("no pass " + std::string(name));
}

// The IR of `code` after the named passes, in order; verify() must accept every step.
std::string after(const std::vector<std::string_view>& passes, const std::string& code) {
  Program program = parse(Source("golden.b", code));
  for (std::string_view name : passes) {
    program = pass_named(name).run(program);
    const std::string problem = verify(program);
    if (!problem.empty()) return std::string(name) + " broke the IR: " + problem;
  }
  return print_ir(program);
}

// Pipeline goldens assume every pass runs; a build with BFBENCH_DISABLED_PASS skips them.
#define SKIP_IF_A_PASS_IS_DISABLED()                                   \
  if (!disabled_pass().empty()) {                                      \
    GTEST_SKIP() << "built without pass " << disabled_pass();          \
  }

std::string at_level(int level, const std::string& code) {
  return print_ir(optimize(parse(Source("golden.b", code)), level, {}, /*check=*/true));
}

TEST(FoldRuns, FoldsRunsAndCancelsMovesButKeepsAZeroAddThatMayTrap) {
  // `+++---` at the start nets 0 but is the first access of cell 0: kept (then `+` joins it).
  // `+-` after a move is kept too; `<>` pairs vanish.
  EXPECT_EQ(after({"fold-runs"}, "+++--->><<+<->+-"),
            "0     add p[0] += 1                     @0\n"
            "1     move p += -1                      @11\n"
            "2     add p[0] += -1                    @12\n"
            "3     move p += 1                       @13\n"
            "4     add p[0] += 0                     @14\n");
}

TEST(FoldRuns, DropsAZeroAddRightAfterAnAccessOfItsCell) {
  // After a loop test (begin or end) or an output of the same cell, `+-` cannot trap.
  EXPECT_EQ(after({"fold-runs"}, "[+-]+-"),
            "0     loop while p[0] -> 1              @0\n"
            "1     end -> 0                          @3\n");
  EXPECT_EQ(after({"fold-runs"}, ".+-"), "0     out p[0]                          @0\n");
}

TEST(DeadLoops, RemovesLoopsAtTheStartAndAfterALoopButNotElsewhere) {
  EXPECT_EQ(after({"dead-loops"}, "[.+]+[-][.]>[.]"),
            "0     add p[0] += 1                     @4\n"
            "1     loop while p[0] -> 3              @5\n"
            "2       add p[0] += -1                  @6\n"
            "3     end -> 1                          @7\n"
            "4     move p += 1                       @11\n"
            "5     loop while p[0] -> 7              @12\n"
            "6       out p[0]                        @13\n"
            "7     end -> 5                          @14\n");
}

TEST(ClearLoops, AloneRewritesSingleStepLoopsOnly) {
  // Alone on O0 IR, `[---]` is three ops, not one odd add: only the pipeline folds it first.
  // `[--]` never becomes a set.
  EXPECT_EQ(after({"clear-loops"}, "[-]>[+]>[---]>[--]"),
            "0     set p[0] = 0                      @0\n"
            "1     move p += 1                       @3\n"
            "2     set p[0] = 0                      @4\n"
            "3     move p += 1                       @7\n"
            "4     loop while p[0] -> 8              @8\n"
            "5       add p[0] += -1                  @9\n"
            "6       add p[0] += -1                  @10\n"
            "7       add p[0] += -1                  @11\n"
            "8     end -> 4                          @12\n"
            "9     move p += 1                       @13\n"
            "10    loop while p[0] -> 13             @14\n"
            "11      add p[0] += -1                  @15\n"
            "12      add p[0] += -1                  @16\n"
            "13    end -> 10                         @17\n");
}

TEST(ClearLoops, InItsPipelineOddStepsClearAndEvenStepsStay) {
  SKIP_IF_A_PASS_IS_DISABLED();
  // The first `[-]` is dead (program start); `[---]` is odd; `[--]` stays a loop.
  EXPECT_EQ(at_level(2, "[-]>[+]>[---]>[--]"),
            "0     move p += 1                       @3\n"
            "1     set p[0] = 0                      @4\n"
            "2     move p += 1                       @7\n"
            "3     set p[0] = 0                      @8\n"
            "4     move p += 1                       @13\n"
            "5     loop while p[0] -> 7              @14\n"
            "6       add p[0] += -2                  @15\n"
            "7     end -> 5                          @17\n");
}

TEST(ScanLoops, KeepBothBracketPositions) {
  EXPECT_EQ(after({"scan-loops"}, "+[>]<[<]>[>>]"),
            "0     add p[0] += 1                     @0\n"
            "1     scan p[0] != 0, p +1              @1 @3\n"
            "2     move p += -1                      @4\n"
            "3     scan p[0] != 0, p -1              @5 @7\n"
            "4     move p += 1                       @8\n"
            "5     loop while p[0] -> 8              @9\n"
            "6       move p += 1                     @10\n"
            "7       move p += 1                     @11\n"
            "8     end -> 5                          @12\n");
  SKIP_IF_A_PASS_IS_DISABLED();
  EXPECT_EQ(at_level(2, "+[>>]"),
            "0     add p[0] += 1                     @0\n"
            "1     scan p[0] != 0, p +2              @1 @4\n");
}

TEST(SeekLoops, WalksCarryingAnAmountSeekTheValueThatStopsThem) {
  // `[->+]` and `[>++<-->]` (after offset addressing: the give first) become a once-loop around
  // a seek; the seek's tests and the clear report the give (the first touch of each cell).
  EXPECT_EQ(after({"fold-runs", "offset-addressing", "seek-loops"}, "[->+]>[>++<-->]"),
            "0     loop while p[0] -> 5              @0\n"
            "1       add p[0] += -1                  @1\n"
            "2       move p += 1                     @2\n"
            "3       seek p[0] != 255, p +1          @3 @3\n"
            "4       set p[0] = 0                    @3\n"
            "5     end -> 0                          @4\n"
            "6     move p += 1                       @5\n"
            "7     loop while p[0] -> 12             @6\n"
            "8       add p[0] += -2                  @11\n"
            "9       move p += 1                     @13\n"
            "10      seek p[0] != 254, p +1          @8 @8\n"
            "11      set p[0] = 0                    @8\n"
            "12    end -> 7                          @14\n");
  // Not walks: the amounts differ, the give is not where p goes, p stays, or another op is there.
  for (const char* other : {"[->++]", "[->>+<]", "[-<+<]", "[->+.]", "[-+>]"}) {
    const std::string before = after({"fold-runs", "offset-addressing"}, other);
    EXPECT_EQ(after({"fold-runs", "offset-addressing", "seek-loops"}, other), before) << other;
  }
}

TEST(MultiplyLoops, TargetsInBodyOrderWithCombinedAndNegatedFactors) {
  // Factors 2 and -3; a +1 counter negates (`[+<+>]` adds -c); two writes to one target add up.
  EXPECT_EQ(after({"multiply-loops"}, "+[->++>---<<]>[+<+>]>[->+<>+<]"),
            "0     add p[0] += 1                     @0\n"
            "1     muladd p[+1] += p[0] * 2          @4 @1\n"
            "2     muladd p[+2] += p[0] * -3         @7 @1\n"
            "3     set p[0] = 0                      @1\n"
            "4     move p += 1                       @13\n"
            "5     muladd p[-1] += p[0] * -1         @17 @14\n"
            "6     set p[0] = 0                      @14\n"
            "7     move p += 1                       @20\n"
            "8     muladd p[+1] += p[0] * 2          @24 @21\n"
            "9     set p[0] = 0                      @21\n");
}

TEST(MultiplyLoops, AnyOddCounterStepScalesTheFactorsByItsInverse) {
  // -3 runs c * 171 times (3 * 171 = 1 mod 256): factor 2 * 171 = 86; +5 runs c * 51 times
  // (-5 * 51 = 1 mod 256): factor -1 * 51.
  EXPECT_EQ(after({"fold-runs", "multiply-loops"}, ",[--->++<],[+++++>-<]"),
            "0     in p[0]                           @0\n"
            "1     muladd p[+1] += p[0] * 86         @6 @1\n"
            "2     set p[0] = 0                      @1\n"
            "3     in p[0]                           @10\n"
            "4     muladd p[+1] += p[0] * -51        @18 @11\n"
            "5     set p[0] = 0                      @11\n");
}

TEST(MultiplyLoops, LeavesUnbalancedIoEvenStepAndNestedLoopsAlone) {
  const std::string kept = "+[->+<<]+[->+.<]+[-->+<]+[->,<]";
  EXPECT_EQ(after({"multiply-loops"}, kept), after({}, kept));
}

TEST(OffsetAddressing, DefersMovesToBlockEndsAndDropsTheLastOne) {
  EXPECT_EQ(after({"offset-addressing"}, ">+>>-<.[>+<-]>>[>]<<,>"),
            "0     add p[+1] += 1                    @1\n"
            "1     add p[+3] += -1                   @4\n"
            "2     out p[+2]                         @6\n"
            "3     move p += 2                       @0\n"
            "4     loop while p[0] -> 7              @7\n"
            "5       add p[+1] += 1                  @9\n"
            "6       add p[0] += -1                  @11\n"
            "7     end -> 4                          @12\n"
            "8     move p += 2                       @13\n"
            "9     loop while p[0] -> 11             @15\n"
            "10      move p += 1                     @16\n"
            "11    end -> 9                          @17\n"
            "12    in p[-2]                          @20\n");
}

TEST(OffsetAddressing, SplitsMovesThatWouldPassTheOffsetLimit) {
  const std::string far(static_cast<size_t>(kMaxOffset) + 10, '>');
  const Program program =
      pass_named("offset-addressing").run(pass_named("fold-runs").run(parse(Source("far.b", far + "+<+"))));
  EXPECT_EQ(verify(program), "");
  EXPECT_EQ(print_ir(program),
            "0     move p += " + std::to_string(kMaxOffset + 10) + "                   @0\n"
            "1     add p[0] += 1                     @" + std::to_string(kMaxOffset + 10) + "\n"
            "2     add p[-1] += 1                    @" + std::to_string(kMaxOffset + 12) + "\n");
}

TEST(SetAddMerge, FoldsAddsAndSetsOfACellIntoItsFirstWrite) {
  // p[1]: +1 and +2 around nothing that reads it; p[0]: set 0, +3, and a late `+-`; p[2]: +3 then
  // a clear, which keeps the add's position (the first access) and src.
  EXPECT_EQ(after({"fold-runs", "clear-loops", "offset-addressing", "set-add-merge"},
                  ">+<[-]+++>++.>+++[-]<<+-"),
            "0     add p[+1] += 3                    @1\n"
            "1     set p[0] = 3                      @3\n"
            "2     out p[+1]                         @12\n"
            "3     set p[+2] = 0                     @14\n");
}

TEST(SetAddMerge, StopsAtReads) {
  // The out reads p[0], so the second add cannot move before it.
  EXPECT_EQ(after({"fold-runs", "set-add-merge"}, "+.+"),
            "0     add p[0] += 1                     @0\n"
            "1     out p[0]                          @1\n"
            "2     add p[0] += 1                     @2\n");
}

TEST(NetWrites, ACopyThroughATemporaryIsOneMulAdd) {
  // The clears put p[0..2] on the tape, so the copy of p[0] into p[1] through p[2] and back is
  // its net effect: p[1] (known 0) gains p[0]; p[0] and p[2] end as they started.
  const std::vector<std::string_view> passes = {"fold-runs", "clear-loops", "multiply-loops",
                                                "offset-addressing", "net-writes"};
  EXPECT_EQ(after(passes, ",>[-]>[-]<<[>+>+<<-]>>[<<+>>-]"),
            "0     in p[0]                           @0\n"
            "1     set p[+1] = 0                     @2\n"
            "2     set p[+2] = 0                     @6\n"
            "3     muladd p[+1] += p[0] * 1          @13 @11\n");
  // Without the clears p[+1] and p[+2] might be off the tape: the run stays as it was.
  EXPECT_EQ(after(passes, ",[>+>+<<-]>>[<<+>>-]"),
            after({"fold-runs", "clear-loops", "multiply-loops", "offset-addressing"},
                  ",[>+>+<<-]>>[<<+>>-]"));
}

TEST(NetWrites, LeavesASwapAndLongerRewritesAlone) {
  const std::vector<std::string_view> prefix = {"fold-runs", "clear-loops", "multiply-loops",
                                                "offset-addressing"};
  std::vector<std::string_view> passes = prefix;
  passes.push_back("net-writes");
  // p[0] and p[1] swap through p[2]: each new value needs the other's old one.
  const std::string swap = ",>,>[-]<<[>>+<<-]>[<+>-]>[<+>-]";
  EXPECT_EQ(after(passes, swap), after(prefix, swap));
  // A multiply loop is already its net effect.
  const std::string multiply = ",>,>,<<[>+>++<<-]";
  EXPECT_EQ(after(passes, multiply), after(prefix, multiply));
}

bool has_product(const std::string& code) {
  return at_level(3, code).find("product") != std::string::npos;
}

TEST(AffineLoops, MultiplyRunsItsFirstTurnThenTheRestAsAProduct) {
  SKIP_IF_A_PASS_IS_DISABLED();
  // t += a * b: b is copied to t through a temporary and restored, a times. After the first turn
  // b is back and the temporary is 0, so the other a-1 turns add (a-1) * b: one product.
  EXPECT_EQ(at_level(3, ",>,<[>[->+>+<<]>>[-<<+>>]<<<-]>>."),
            "0     in p[0]                           @0\n"
            "1     in p[+1]                          @2\n"
            "2     loop while p[0] -> 11             @4\n"
            "3       muladd p[+2] += p[+1] * 1       @9 @6\n"
            "4       muladd p[+3] += p[+1] * 1       @11 @6\n"
            "5       set p[+1] = 0                   @6\n"
            "6       muladd p[+1] += p[+3] * 1       @21 @17\n"
            "7       set p[+3] = 0                   @17\n"
            "8       add p[0] += -1                  @28\n"
            "9       product p[+2] += p[0] * p[+1] * 1 @4 @4\n"
            "10      set p[0] = 0                    @4\n"
            "11    end -> 2                          @29\n"
            "12    out p[+2]                         @32\n");
  // a * b + 3a: the constant part of each turn's gain becomes a muladd of the counter.
  EXPECT_TRUE(has_product(",>,<[>[->+>+<<]>>[-<<+>>]<+++<<-]>>."));
  // A counter step of -3: c * 171 turns (171 = 1/3 mod 256), so the product carries 171.
  EXPECT_NE(at_level(3, ",>,<[>[->+>+<<]>>[-<<+>>]<<<---]>>.").find("* p[+1] * 171"),
            std::string::npos);
}

TEST(AffineLoops, LeavesLoopsWhoseGainIsNotInvariantOrWhoseCellsMayBeOffTheTape) {
  SKIP_IF_A_PASS_IS_DISABLED();
  // The multiplied cell changes every turn: its gain is not invariant.
  EXPECT_FALSE(has_product(",>,<[>[->+>+<<]>>[-<<+>>]<<+<-]>>."));
  // An even counter step: no trip count (an odd start never ends).
  EXPECT_FALSE(has_product(",>,<[>[->+>+<<]>>[-<<+>>]<<<--]>>."));
  // The target p[+3] is touched only when b != 0, so not certainly on the tape: kept ...
  EXPECT_FALSE(has_product(",>,<[>[->>+<+<]>[-<+>]<<-]"));
  // ... unless an earlier access put it there.
  EXPECT_TRUE(has_product(">>>.<<<,>,<[>[->>+<+<]>[-<+>]<<-]"));
  // The counter read by another cell, or moved within the body: no closed form.
  EXPECT_FALSE(has_product(",>,<[>[->+>+<<]>>[-<<+>>]<<<[->>>>+<<<<]+-]"));
}

TEST(CollapseLoops, CountedLoopWithResetsRunsItsBodyOnce) {
  // p[-1] is linear (+1 a turn: muladd); p[+2] and p[+3] are reset each turn; the counter's
  // `-` goes and `set p[0] = 0` ends the body.
  EXPECT_EQ(after({"fold-runs", "clear-loops", "multiply-loops", "offset-addressing",
                   "set-add-merge", "collapse-loops"},
                  "+++[>>+++[->+++++<]>[-]<<<<+>-]"),
            "0     add p[0] += 3                     @0\n"
            "1     loop while p[0] -> 8              @3\n"
            "2       add p[+2] += 3                  @6\n"
            "3       muladd p[+3] += p[+2] * 5       @12 @9\n"
            "4       set p[+2] = 0                   @9\n"
            "5       set p[+3] = 0                   @20\n"
            "6       muladd p[-1] += p[0] * 1        @27 @3\n"
            "7       set p[0] = 0                    @3\n"
            "8     end -> 1                          @30\n");
}

TEST(CollapseLoops, LeavesLoopsWhoseCellsCarryStateAcrossTurns) {
  // p[1] gets p[-1] added but is never reset: what it gets depends on the turn.
  const std::vector<std::string_view> prefix = {"fold-runs", "clear-loops", "multiply-loops",
                                                "offset-addressing", "set-add-merge"};
  std::vector<std::string_view> all = prefix;
  all.push_back("collapse-loops");
  // (Were p[-1] reset to 0, the inner loop would add nothing after the first turn; here it is 1.)
  const std::string code = "+>+++++[<[->>+<<]+>-]";
  EXPECT_EQ(after(all, code), after(prefix, code));
  // An even counter step, or a counter that is also set, is not counted.
  EXPECT_EQ(after(all, "+[>[-]<--]"), after(prefix, "+[>[-]<--]"));
}

TEST(CollapseLoops, InnerCountedLoopThatEndsAtZeroAddsOnlyOnTheFirstTurn) {
  // The inner loop empties p[-1] into p[+1]; from the second turn on it moves nothing, so the
  // outer loop (step -3: it runs c * 171 times, 3 * 171 = 1 mod 256) runs its body once and p[+2]
  // gets c * 171 * 2 = c * 86 by muladd.
  EXPECT_EQ(after({"fold-runs", "clear-loops", "multiply-loops", "offset-addressing",
                   "set-add-merge", "collapse-loops"},
                  ",>,[<[->>+<<]>>>++<<---]"),
            "0     in p[0]                           @0\n"
            "1     in p[+1]                          @2\n"
            "2     move p += 1                       @1\n"
            "3     loop while p[0] -> 8              @3\n"
            "4       muladd p[+1] += p[-1] * 1       @9 @5\n"
            "5       set p[-1] = 0                   @5\n"
            "6       muladd p[+2] += p[0] * 86       @16 @3\n"
            "7       set p[0] = 0                    @3\n"
            "8     end -> 3                          @23\n");
}

TEST(KnownCells, FoldsKnownValuesAndCarriesThemThroughLoops) {
  // At the start every cell is 0: adds become sets, and the comment loop goes. p[+1] is untouched
  // by the input loop, so it is still 3 after it: the muladd from it becomes a set of p[+3]. The
  // loop that runs at most once (it ends with `set p[0] = 0`) has a known counter (2): it becomes
  // its body, where p[+3] is known too.
  EXPECT_EQ(after({"fold-runs", "dead-loops", "clear-loops", "multiply-loops", "offset-addressing",
                   "known-cells"},
                  ">+++>++<<,[.,]>[->>+<<]>[>+++<[-]]>."),
            "0     set p[+1] = 3                     @1\n"
            "1     set p[+2] = 2                     @5\n"
            "2     in p[0]                           @9\n"
            "3     loop while p[0] -> 6              @10\n"
            "4       out p[0]                        @11\n"
            "5       in p[0]                         @12\n"
            "6     end -> 3                          @13\n"
            "7     set p[+3] = 3                     @19\n"
            "8     set p[+1] = 0                     @15\n"
            "9     move p += 2                       @14\n"
            "10    set p[+1] = 6                     @26\n"
            "11    set p[0] = 0                      @30\n"
            "12    out p[+1]                         @35\n");
}

TEST(KnownCells, KeepsLoopsWhoseCellsTheBodyMayChange) {
  // p[+1] is written in the loop, so its value after it is not known; nor is p[0]'s after the scan.
  const std::vector<std::string_view> prefix = {"fold-runs", "offset-addressing"};
  std::vector<std::string_view> all = prefix;
  all.push_back("known-cells");
  EXPECT_EQ(after(all, ",[>,<-]>[-<+>]"), after(prefix, ",[>,<-]>[-<+>]"));
  EXPECT_EQ(after(all, ",[>]<[.]"), after(prefix, ",[>]<[.]"));
}

TEST(KnownCells, FactsThatHoldAtEntryAndAtTheBackEdgeHoldAtTheLoopHead) {
  // The middle loop (collapsed: it runs at most once) tests p[+1], which is 0 when the outer loop
  // is entered and 0 again at its `]` (the middle loop stopped on it): 0 at every head, 3 after
  // the `+++`, so the middle loop is entered every time and becomes its body.
  EXPECT_EQ(after({"fold-runs", "clear-loops", "multiply-loops", "offset-addressing",
                   "set-add-merge", "collapse-loops", "known-cells"},
                  ",[>+++[>++++[-]<-]<-]"),
            "0     in p[0]                           @0\n"
            "1     loop while p[0] -> 8              @1\n"
            "2       set p[+1] = 3                   @3\n"
            "3       move p += 1                     @2\n"
            "4       set p[+1] = 0                   @8\n"
            "5       set p[0] = 0                    @6\n"
            "6       add p[-1] += -1                 @19\n"
            "7       move p += -1                    @18\n"
            "8     end -> 1                          @20\n");
}

TEST(KnownCells, AFactTheBodyChangesBeforeTheBackEdgeIsNotAssumed) {
  // After the middle loop p[+1] is set to 1 (or read from input): at the head it is 0 the first
  // time and 1 later, so the middle loop keeps its test.
  const std::vector<std::string_view> prefix = {"fold-runs",         "clear-loops",
                                                "multiply-loops",    "offset-addressing",
                                                "set-add-merge",     "collapse-loops"};
  std::vector<std::string_view> all = prefix;
  all.push_back("known-cells");
  auto loops = [](const std::string& ir) {
    size_t count = 0;
    for (size_t at = ir.find("loop while"); at != std::string::npos;
         at = ir.find("loop while", at + 1)) {
      ++count;
    }
    return count;
  };
  for (const std::string code : {",[>+++[>++++[-]<-]+<-]", ",[>+++[>++++[-]<-],<-]"}) {
    EXPECT_EQ(loops(after(all, code)), 2u) << code;
  }
  // Nor when p[+1] is unknown at entry.
  EXPECT_EQ(after(all, ",>,<[>+++[>++++[-]<-]<-]"),
            "0     in p[0]                           @0\n"
            "1     in p[+1]                          @2\n"
            "2     loop while p[0] -> 11             @4\n"
            "3       add p[+1] += 3                  @6\n"
            "4       move p += 1                     @5\n"
            "5       loop while p[0] -> 8            @9\n"
            "6         set p[+1] = 0                 @11\n"
            "7         set p[0] = 0                  @9\n"
            "8       end -> 5                        @20\n"
            "9       add p[-1] += -1                 @22\n"
            "10      move p += -1                    @21\n"
            "11    end -> 2                          @23\n");
}

TEST(Pipelines, O3CollapsesANestOfCountedLoopsOneLevelARound) {
  SKIP_IF_A_PASS_IS_DISABLED();
  // Four levels: each round's collapse makes a loop that runs at most once, known-cells inlines
  // it into the loop around it, and the next round collapses that one. The outer loop's counter
  // is input, so it stays as a test that runs the collapsed body at most once.
  EXPECT_EQ(at_level(3, ",[>++[>+++[>++++[-]<-]<-]<-]"),
            "0     in p[0]                           @0\n"
            "1     loop while p[0] -> 6              @1\n"
            "2       set p[+1] = 0                   @3\n"
            "3       set p[+2] = 0                   @7\n"
            "4       set p[+3] = 0                   @12\n"
            "5       set p[0] = 0                    @1\n"
            "6     end -> 1                          @27\n");
  // Output in the innermost loop: only what does not depend on the turn goes.
  EXPECT_EQ(at_level(3, ",[>+++[>++++.[-]<-]<-]"),
            "0     in p[0]                           @0\n"
            "1     loop while p[0] -> 12             @1\n"
            "2       set p[+1] = 3                   @3\n"
            "3       move p += 1                     @2\n"
            "4       loop while p[0] -> 9            @6\n"
            "5         set p[+1] = 4                 @8\n"
            "6         out p[+1]                     @12\n"
            "7         set p[+1] = 0                 @13\n"
            "8         add p[0] += -1                @17\n"
            "9       end -> 4                        @18\n"
            "10      add p[-1] += -1                 @20\n"
            "11      move p += -1                    @19\n"
            "12    end -> 1                          @21\n");
}

TEST(Pipelines, EachLevelOnOneProgram) {
  SKIP_IF_A_PASS_IS_DISABLED();
  const std::string code = "[comment.]++>+++++[<[->>+<<]>-]<<[>]+.[-]-+[>>+<-<<++>]";
  EXPECT_EQ(at_level(1, code),
            "0     loop while p[0] -> 2              @0\n"
            "1       out p[0]                        @8\n"
            "2     end -> 0                          @9\n"
            "3     add p[0] += 2                     @10\n"
            "4     move p += 1                       @12\n"
            "5     add p[0] += 5                     @13\n"
            "6     loop while p[0] -> 16             @18\n"
            "7       move p += -1                    @19\n"
            "8       loop while p[0] -> 13           @20\n"
            "9         add p[0] += -1                @21\n"
            "10        move p += 2                   @22\n"
            "11        add p[0] += 1                 @24\n"
            "12        move p += -2                  @25\n"
            "13      end -> 8                        @27\n"
            "14      move p += 1                     @28\n"
            "15      add p[0] += -1                  @29\n"
            "16    end -> 6                          @30\n"
            "17    move p += -2                      @31\n"
            "18    loop while p[0] -> 20             @33\n"
            "19      move p += 1                     @34\n"
            "20    end -> 18                         @35\n"
            "21    add p[0] += 1                     @36\n"
            "22    out p[0]                          @37\n"
            "23    loop while p[0] -> 25             @38\n"
            "24      add p[0] += -1                  @39\n"
            "25    end -> 23                         @40\n"
            "26    loop while p[0] -> 34             @43\n"
            "27      move p += 2                     @44\n"
            "28      add p[0] += 1                   @46\n"
            "29      move p += -1                    @47\n"
            "30      add p[0] += -1                  @48\n"
            "31      move p += -2                    @49\n"
            "32      add p[0] += 2                   @51\n"
            "33      move p += 1                     @53\n"
            "34    end -> 26                         @54\n");
  EXPECT_EQ(at_level(2, code),
            "0     add p[0] += 2                     @10\n"
            "1     move p += 1                       @12\n"
            "2     add p[0] += 5                     @13\n"
            "3     loop while p[0] -> 13             @18\n"
            "4       move p += -1                    @19\n"
            "5       loop while p[0] -> 10           @20\n"
            "6         add p[0] += -1                @21\n"
            "7         move p += 2                   @22\n"
            "8         add p[0] += 1                 @24\n"
            "9         move p += -2                  @25\n"
            "10      end -> 5                        @27\n"
            "11      move p += 1                     @28\n"
            "12      add p[0] += -1                  @29\n"
            "13    end -> 3                          @30\n"
            "14    move p += -2                      @31\n"
            "15    scan p[0] != 0, p +1              @33 @35\n"
            "16    add p[0] += 1                     @36\n"
            "17    out p[0]                          @37\n"
            "18    set p[0] = 0                      @38\n");
  // At O3 the nested counted loop collapses, known-cells runs it (its counter is known: 5) and
  // folds its muladd (p[-1] is known: 2); the next round merges each cell's writes into its first
  // and drops p[0]'s, which is 0 at the end as at the start and cannot trap. What stays are the
  // accesses that may trap, at the command of each cell's first access.
  EXPECT_EQ(at_level(3, code),
            "0     set p[+1] = 0                     @13\n"
            "1     set p[+2] = 2                     @24\n"
            "2     move p += -1                      @12\n"
            "3     scan p[0] != 0, p +1              @33 @35\n"
            "4     set p[0] = 1                      @36\n"
            "5     out p[0]                          @37\n"
            "6     set p[0] = 0                      @38\n");
}

TEST(Pipelines, EveryPassIsListedOnceAndLevelsOnlyGrow) {
  std::vector<std::string_view> names;
  for (const Pass& pass : all_passes()) {
    for (std::string_view seen : names) EXPECT_NE(seen, pass.name);
    names.push_back(pass.name);
    EXPECT_FALSE(pass.description.empty()) << pass.name;
  }
  EXPECT_EQ(passes_for_level(1).size(), 1u);
  EXPECT_LT(passes_for_level(1).size(), passes_for_level(2).size());
  EXPECT_LT(passes_for_level(2).size(), passes_for_level(3).size());
  if (!disabled_pass().empty()) {
    EXPECT_NO_THROW(pass_named(disabled_pass()));
  }
}

}  // namespace
}  // namespace bf
