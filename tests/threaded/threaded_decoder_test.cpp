// The decoder's stream: which handler each op (or fused run) gets, and where loops jump.
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "core/parser.h"
#include "engines/threaded/decoder.h"
#include "tests/support/engine_runner.h"
#include "tests/support/ir_builder.h"
#include "tests/support/random_ir.h"

namespace bf::threaded {
namespace {

using namespace bf::testing::ir;

// Handler names of the instructions, with "(n)" after one followed by n operand slots.
std::vector<std::string> shape(const DecodedProgram& decoded) {
  std::vector<std::string> names;
  for (const std::optional<Handler>& handler : decoded.handlers) {
    if (handler) {
      names.emplace_back(handler_name(*handler));
    } else if (names.back().back() == ')') {
      const size_t open = names.back().rfind('(');
      const int slots = std::stoi(names.back().substr(open + 1)) + 1;
      names.back() = names.back().substr(0, open) + "(" + std::to_string(slots) + ")";
    } else {
      names.back() += "(1)";
    }
  }
  return names;
}

// Where instruction `i`'s taken branch goes.
size_t target_of(const DecodedProgram& decoded, size_t i) {
  return static_cast<size_t>(static_cast<int64_t>(i) + decoded.code[i].jump);
}

using Names = std::vector<std::string>;

TEST(ThreadedDecoder, OneInstructionPerOpEndingInHalt) {
  const DecodedProgram d = decode(program({add(1), out(), set(2, 1), in(3), move(2)}));
  EXPECT_EQ(shape(d), (Names{"add", "out", "set", "in", "move", "halt"}));
  EXPECT_EQ(d.code[2].offset, 1);
  EXPECT_EQ(d.code[2].arg, 2);
  EXPECT_EQ(d.code[3].offset, 3);
  EXPECT_EQ(d.code[4].arg, 2);
}

TEST(ThreadedDecoder, LoopsJumpPastEachOther) {
  // 0 loop, 1 out, 2 end, 3 out: the loop skips to 3, the end repeats from 1.
  const DecodedProgram d = decode(program({begin(), out(), end(), out()}));
  EXPECT_EQ(shape(d), (Names{"loop", "out", "end", "out", "halt"}));
  EXPECT_EQ(target_of(d, 0), 3u);
  EXPECT_EQ(target_of(d, 2), 1u);
}

TEST(ThreadedDecoder, AMoveGoesIntoTheLoopTestOrScanAfterIt) {
  const DecodedProgram d = decode(program({move(3), begin(), move(-2), scan(1), move(5), end(),
                                           move(7), out()}));
  EXPECT_EQ(shape(d), (Names{"loop", "scan-right", "end", "move", "out", "halt"}));
  EXPECT_EQ(d.code[0].move, 3);
  EXPECT_EQ(d.code[1].move, -2);
  EXPECT_EQ(d.code[2].move, 5);
  EXPECT_EQ(d.code[3].arg, 7);
  EXPECT_EQ(target_of(d, 0), 3u);
  EXPECT_EQ(target_of(d, 2), 1u);
}

TEST(ThreadedDecoder, AnInstructionTakesOverTheLoopTestAfterIt) {
  // "+[>[.-]>]<" at O0: the '+' opens the outer loop, the '-' closes the inner one.
  const DecodedProgram d = decode(program({add(1, 0, 0), begin(1), move(1), begin(3), out(0, 4),
                                           add(-1, 0, 5), end(6), move(1), end(8), move(-1)}));
  EXPECT_EQ(shape(d), (Names{"add-begin", "loop", "out", "add-end", "end", "move", "halt"}));
  EXPECT_EQ(d.code[0].move, 0);
  EXPECT_EQ(d.sources[0].src, 0u);       // the add
  EXPECT_EQ(d.sources[0].test_src, 1u);  // the '[' it tests for
  EXPECT_EQ(target_of(d, 0), 5u);        // past the outer loop
  EXPECT_EQ(d.code[1].move, 1);          // the move before the inner '[' went into it
  EXPECT_EQ(target_of(d, 1), 4u);        // past the inner loop
  EXPECT_EQ(target_of(d, 3), 2u);        // back to the inner body's start
  EXPECT_EQ(d.sources[3].src, 5u);
  EXPECT_EQ(d.sources[3].test_src, 6u);
  EXPECT_EQ(d.code[4].move, 1);
  EXPECT_EQ(target_of(d, 4), 1u);        // the outer end repeats from the inner loop
  EXPECT_EQ(d.sources[4].src, 8u);
}

TEST(ThreadedDecoder, ALoopEndRightAfterALoopEndOrScanIsDroppedUnlessStepsCount) {
  // "[[.-]]" and "[[>]]": the outer ']' tests the cell the inner loop or scan just left at zero.
  const Program nested = program({begin(0), begin(1), out(0, 2), add(-1, 0, 3), end(4), end(5),
                                  out()});
  EXPECT_EQ(shape(decode(nested)), (Names{"loop", "loop", "out", "add-end", "out", "halt"}));
  EXPECT_EQ(shape(decode(nested, {.count_steps = true})),
            (Names{"loop", "loop", "out", "add-end", "end", "out", "halt"}));
  const DecodedProgram d = decode(nested);
  EXPECT_EQ(target_of(d, 0), 4u);  // past both loops
  EXPECT_EQ(target_of(d, 1), 4u);  // the inner loop's exit is the outer one's too
  const Program scanned = program({begin(0), scan(1, 1, 2), end(3), out()});
  EXPECT_EQ(shape(decode(scanned)), (Names{"loop", "scan-right", "out", "halt"}));
  // A loop end after a move tests another cell: it stays.
  EXPECT_EQ(shape(decode(program({begin(), begin(), out(), add(-1), end(), move(1), end()}))),
            (Names{"loop", "loop", "out", "add-end", "end", "halt"}));
}

TEST(ThreadedDecoder, AnEmptyLoopBodyAfterAMoveIsNotFused) {
  // ">[]": the move goes into the '[', and the ']' stays a loop end of its own.
  const DecodedProgram d = decode(program({move(1), begin(), end()}));
  EXPECT_EQ(shape(d), (Names{"loop", "end", "halt"}));
  EXPECT_EQ(target_of(d, 1), 1u);
}

TEST(ThreadedDecoder, ScansOfStrideOneUseTheByteSearchHandlers) {
  EXPECT_EQ(shape(decode(program({scan(1), scan(-1), scan(2), scan(-3)}))),
            (Names{"scan-right", "scan-left", "scan", "scan", "halt"}));
}

TEST(ThreadedDecoder, RunsOfAddsAndSetsAreOneInstruction) {
  const DecodedProgram d = decode(program({add(2, 1, 5), set(7, -1, 6), add(-1, 0, 7), out(),
                                           set(3), add(1, 1), out()}));
  EXPECT_EQ(shape(d), (Names{"writes(3)", "out", "writes2(2)", "out", "halt"}));
  EXPECT_EQ(d.code[0].arg, 3);
  EXPECT_EQ(d.code[1].keep, 0xff);  // an add keeps the cell
  EXPECT_EQ(d.code[1].value, 2);
  EXPECT_EQ(d.code[2].keep, 0);     // a set does not
  EXPECT_EQ(d.code[2].value, 7);
  EXPECT_EQ(d.code[2].offset, -1);
  EXPECT_EQ(d.code[3].value, 255);  // -1 as the byte added
  EXPECT_EQ(d.sources[2].src, 6u);
}

TEST(ThreadedDecoder, AMultiplyLoopIsOneInstruction) {
  const DecodedProgram d = decode(program({mul_add(2, 1, 0, 5, 4), mul_add(3, -1, 0, 6, 4),
                                           set(0, 0, 4), out()}));
  EXPECT_EQ(shape(d), (Names{"muladd-set(2)", "out", "halt"}));
  EXPECT_EQ(d.code[0].arg, 2);
  EXPECT_EQ(d.code[0].value, 0);
  EXPECT_EQ(d.sources[0].src2, 4u);
  EXPECT_EQ(d.code[1].offset, 1);
  EXPECT_EQ(d.code[1].arg, 2);
  EXPECT_EQ(d.sources[1].src, 5u);
  EXPECT_EQ(d.code[2].offset, -1);
  EXPECT_EQ(d.sources[2].src, 6u);
}

TEST(ThreadedDecoder, AOneTargetMultiplyIsInline) {
  const DecodedProgram d = decode(program({mul_add(3, 2, 1, 9, 8), set(5, 1), out()}));
  EXPECT_EQ(shape(d), (Names{"muladd1-set", "out", "halt"}));
  EXPECT_EQ(d.code[0].offset, 2);
  EXPECT_EQ(d.code[0].from, 1);
  EXPECT_EQ(d.code[0].arg, 3);
  EXPECT_EQ(d.code[0].value, 5);
  EXPECT_EQ(d.sources[0].src, 9u);
  EXPECT_EQ(d.sources[0].src2, 8u);
}

TEST(ThreadedDecoder, GroupsEndWhereTheCounterChanges) {
  EXPECT_EQ(shape(decode(program({mul_add(1, 1, 0), mul_add(1, 2, 0), mul_add(1, 3, 1),
                                  set(0, 0)}))),
            (Names{"muladd(2)", "muladd1", "set", "halt"}));
  EXPECT_EQ(shape(decode(program({mul_add(1, 1, 0), set(1, 0)}))),
            (Names{"muladd1-set", "halt"}));
  EXPECT_EQ(shape(decode(program({mul_add(1, 1, 0), set(0, 1)}))),
            (Names{"muladd1", "set", "halt"}));
}

TEST(ThreadedDecoder, MultipliesAndWritesOpenLoops) {
  const DecodedProgram d = decode(program({mul_add(1, 1, 0), set(0), move(1), begin(4), out(),
                                           end(), add(1), set(2, 1), begin(), end(),
                                           mul_add(1, 1, 2), set(0, 2), begin(), end()}));
  EXPECT_EQ(shape(d), (Names{"muladd1-set-begin", "out", "end", "writes2-begin(2)", "end",
                              "muladd1-set-begin", "end", "halt"}));
  EXPECT_EQ(d.code[0].move, 1);
  EXPECT_EQ(d.sources[0].test_src, 4u);
  EXPECT_EQ(target_of(d, 0), 3u);
  EXPECT_EQ(target_of(d, 3), 7u);
  EXPECT_EQ(target_of(d, 7), 9u);  // past its empty loop
  EXPECT_EQ(target_of(d, 8), 8u);
}

TEST(ThreadedDecoder, MultipliesAndWritesCloseLoops) {
  // Each body starts with an out, so the multiply or writes only close their loop.
  const DecodedProgram d = decode(program({begin(1), out(), mul_add(1, 1, 0), set(0), move(2),
                                           end(9), begin(), out(), mul_add(1, 1, 0),
                                           mul_add(1, 2, 0), set(0), end(), begin(), out(), add(1),
                                           set(2, 1), move(-1), end()}));
  EXPECT_EQ(shape(d), (Names{"loop", "out", "muladd1-set-end", "loop", "out", "muladd-set-end(2)",
                              "loop", "out", "writes2-end(2)", "halt"}));
  // Slots: 0 loop, 1 out, 2 muladd1-set-end, 3 loop, 4 out, 5 muladd-set-end + 6, 7 targets,
  // 8 loop, 9 out, 10 writes2-end + 11, 12 writes, 13 halt.
  EXPECT_EQ(d.code[2].move, 2);
  EXPECT_EQ(d.sources[2].test_src, 9u);
  EXPECT_EQ(target_of(d, 0), 3u);
  EXPECT_EQ(target_of(d, 2), 1u);
  EXPECT_EQ(target_of(d, 3), 8u);
  EXPECT_EQ(target_of(d, 5), 4u);
  EXPECT_EQ(target_of(d, 8), 13u);
  EXPECT_EQ(target_of(d, 10), 9u);
  EXPECT_EQ(d.code[10].move, -1);
}

TEST(ThreadedDecoder, ALoopWhoseWholeBodyIsWritesAndMultipliesIsOneInstruction) {
  // [- >>+++<< set(-1)=1 <<<]: the block's cells lie in [p-3, p+2] (the -3 is the next test).
  const DecodedProgram d = decode(program({begin(10), add(-1, 0, 11), mul_add(3, 2, 0, 12, 10),
                                           set(1, -1, 13), move(-3), end(14), out()}));
  EXPECT_EQ(shape(d), (Names{"loop", "block-loop(3)", "out", "halt"}));
  EXPECT_EQ(target_of(d, 0), 5u);
  EXPECT_EQ(d.code[1].arg, 3);
  EXPECT_EQ(d.code[1].offset, -3);  // window low
  EXPECT_EQ(d.code[1].from, 2);     // window high
  EXPECT_EQ(d.code[1].move, -3);
  EXPECT_EQ(d.sources[1].test_src, 14u);
  // Slots: cell[p+offset] = (cell & keep) + value + cell[p+from] * arg.
  EXPECT_EQ(d.code[2].offset, 0);
  EXPECT_EQ(d.code[2].value, 255);
  EXPECT_EQ(d.code[2].keep, 0xff);
  EXPECT_EQ(d.code[2].arg, 0);
  EXPECT_FALSE(d.code[2].multiplies);
  EXPECT_EQ(d.code[3].offset, 2);
  EXPECT_EQ(d.code[3].from, 0);
  EXPECT_EQ(d.code[3].arg, 3);
  EXPECT_EQ(d.code[3].value, 0);
  EXPECT_TRUE(d.code[3].multiplies);
  EXPECT_EQ(d.sources[3].src, 12u);
  EXPECT_EQ(d.sources[3].src2, 10u);
  EXPECT_EQ(d.code[4].offset, -1);
  EXPECT_EQ(d.code[4].keep, 0);
  EXPECT_EQ(d.code[4].value, 1);
  // A one-slot body ("[-]") has its own handler, and so has the one-multiply body.
  EXPECT_EQ(shape(decode(program({begin(), add(-1), end()}))),
            (Names{"loop", "block-loop1(1)", "halt"}));
  EXPECT_EQ(shape(decode(program({begin(), mul_add(1, 1, 0), set(0), move(2), end()}))),
            (Names{"loop", "muladd1-set-loop", "halt"}));
  // So has a body of two adds, with or without a move ("[->+]", "[->>+<<]"); an add and a set
  // is a plain block loop.
  EXPECT_EQ(shape(decode(program({begin(), add(-1), add(1, 1), move(1), end()}))),
            (Names{"loop", "add-loop2(2)", "halt"}));
  EXPECT_EQ(shape(decode(program({begin(), add(-1), add(1, 2), end()}))),
            (Names{"loop", "add-loop2(2)", "halt"}));
  EXPECT_EQ(shape(decode(program({begin(), add(-1), set(1, 2), end()}))),
            (Names{"loop", "block-loop(2)", "halt"}));
}

TEST(ThreadedDecoder, AOneTargetMultiplyThatIsNotTheWholeBodyOnlyClosesTheLoop) {
  const DecodedProgram d = decode(program({begin(), out(), mul_add(1, 1, 2), set(0, 2), move(1),
                                           end()}));
  EXPECT_EQ(shape(d), (Names{"loop", "out", "muladd1-set-end", "halt"}));
  EXPECT_EQ(target_of(d, 2), 1u);
}

TEST(ThreadedDecoder, EveryJumpOfADeeplyNestedProgramLandsOnAnInstruction) {
  std::string code;
  for (int i = 0; i < 200; ++i) code += "+[>";
  for (int i = 0; i < 200; ++i) code += "-]<";
  const DecodedProgram d = decode(parse(Source("t", code)));
  for (size_t i = 0; i < d.code.size(); ++i) {
    if (d.code[i].jump != 0 || d.handlers[i] == Handler::kLoopEnd) {
      const size_t target = target_of(d, i);
      ASSERT_LT(target, d.code.size()) << i;
      EXPECT_TRUE(d.handlers[target].has_value()) << i;
    }
  }
}

TEST(ThreadedEngine, AMalformedProgramIsRefusedAtCompileTime) {
  // The dispatch loop trusts its jumps, so the engine checks the program before decoding it.
  Program unlinked{{Op{.kind = OpKind::kLoopBegin, .arg = 7}, Op{.kind = OpKind::kAdd}}};
  EXPECT_THROW(testing::engine_named("threaded").make()->compile(unlinked, {}), CompileError);
}

// decode_consuming() releases the ops it has decoded as it goes (bfbench run): on a program long
// enough for many releases, with loops whose jumps span them, the stream is decode()'s exactly.
TEST(ThreadedDecoder, ConsumingTheProgramDecodesTheSameStream) {
  testing::RandomIrOptions options;
  options.mix = {.add = 20, .set = 10, .move = 14, .out = 2, .loop = 14, .scan = 6, .multiply = 20};
  options.min_pieces = options.max_pieces = 4000;
  options.max_body_pieces = 40;
  const Program program = testing::random_ir(20261203, options).program;
  ASSERT_GT(program.ops.size(), 30000u) << "too short to release pages while decoding";
  for (const bool count_steps : {false, true}) {
    const DecodedProgram kept = decode(program, {.count_steps = count_steps});
    const DecodedProgram consumed = decode_consuming(program, {.count_steps = count_steps});
    ASSERT_EQ(consumed.code.size(), kept.code.size());
    EXPECT_EQ(consumed.handlers, kept.handlers);
    EXPECT_EQ(std::memcmp(consumed.code.data(), kept.code.data(), kept.code.size() * sizeof(Inst)),
              0);
    EXPECT_EQ(std::memcmp(consumed.sources.data(), kept.sources.data(),
                          kept.sources.size() * sizeof(Sources)),
              0);
  }
}

}  // namespace
}  // namespace bf::threaded
