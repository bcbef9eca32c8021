// The decoder's stream: which handler each op (or fused run) gets, and where loops jump.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/parser.h"
#include "engines/threaded/decoder.h"
#include "tests/threaded/ir_builder.h"

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
  const DecodedProgram d = decode(program({add(1), set(2, 1), out(), in(3), move(2)}));
  EXPECT_EQ(shape(d), (Names{"add", "set", "out", "in", "move", "halt"}));
  EXPECT_EQ(d.code[1].offset, 1);
  EXPECT_EQ(d.code[1].arg, 2);
  EXPECT_EQ(d.code[3].offset, 3);
}

TEST(ThreadedDecoder, LoopsJumpPastEachOther) {
  // 0 loop, 1 add, 2 end: the loop skips to 3, the end repeats from 1.
  const DecodedProgram d = decode(program({loop(), add(-1), end(), out()}));
  EXPECT_EQ(shape(d), (Names{"loop", "add", "end", "out", "halt"}));
  EXPECT_EQ(target_of(d, 0), 3u);
  EXPECT_EQ(target_of(d, 2), 1u);
}

TEST(ThreadedDecoder, AMoveBeforeALoopEndFusesAndJumpsStillLandOnInstructions) {
  const DecodedProgram d = decode(parse(Source("t", "+[>[-]>]<")));
  EXPECT_EQ(shape(d), (Names{"add", "loop", "move", "loop", "add", "end", "move-end", "move",
                              "halt"}));
  EXPECT_EQ(target_of(d, 1), 7u);  // past the fused move-end
  EXPECT_EQ(target_of(d, 6), 2u);  // back to the body's first instruction
  EXPECT_EQ(target_of(d, 3), 6u);
  EXPECT_EQ(d.code[6].arg, 1);     // the move's distance
  EXPECT_EQ(d.code[6].src, 7u);    // the ']' reports the test
}

TEST(ThreadedDecoder, AnEmptyLoopBodyAfterAMoveIsNotFused) {
  // ">[]": the move precedes the '[', not the ']'.
  EXPECT_EQ(shape(decode(parse(Source("t", ">[]")))), (Names{"move", "loop", "end", "halt"}));
}

TEST(ThreadedDecoder, ScansOfStrideOneUseTheByteSearchHandlers) {
  EXPECT_EQ(shape(decode(program({scan(1), scan(-1), scan(2), scan(-3)}))),
            (Names{"scan-right", "scan-left", "scan", "scan", "halt"}));
}

TEST(ThreadedDecoder, MulAddsOfOneCounterFormAGroupAndAbsorbTheCounterClear) {
  const DecodedProgram d = decode(program({mul_add(2, 1, 0, 5, 4), mul_add(3, -1, 0, 6, 4),
                                           set(0, 0, 4), out()}));
  EXPECT_EQ(shape(d), (Names{"muladd-group-clear(2)", "out", "halt"}));
  EXPECT_EQ(d.code[0].arg, 2);
  EXPECT_EQ(d.code[0].src2, 4u);
  EXPECT_EQ(d.code[1].offset, 1);
  EXPECT_EQ(d.code[1].arg, 2);
  EXPECT_EQ(d.code[1].src, 5u);
  EXPECT_EQ(d.code[2].offset, -1);
  EXPECT_EQ(d.code[2].src, 6u);
}

TEST(ThreadedDecoder, GroupsEndWhereTheCounterChanges) {
  EXPECT_EQ(shape(decode(program({mul_add(1, 1, 0), mul_add(1, 2, 0), mul_add(1, 3, 1),
                                  set(0, 0)}))),
            (Names{"muladd-group(2)", "muladd", "set", "halt"}));
  EXPECT_EQ(shape(decode(program({mul_add(1, 1, 2), set(0, 2)}))),
            (Names{"muladd-group-clear(1)", "halt"}));
  EXPECT_EQ(shape(decode(program({mul_add(1, 1, 0), set(1, 0)}))),
            (Names{"muladd", "set", "halt"}));
  EXPECT_EQ(shape(decode(program({mul_add(1, 1, 0), set(0, 1)}))),
            (Names{"muladd", "set", "halt"}));
}

TEST(ThreadedDecoder, ASetOf256ClearsToo) {
  // Set stores arg mod 256, so 256 is a clear.
  EXPECT_EQ(shape(decode(program({mul_add(1, 1, 0), set(256, 0)}))),
            (Names{"muladd-group-clear(1)", "halt"}));
  const bf::testing::Outcome o =
      bf::testing::ir::run_both(program({add(3), mul_add(1, 1, 0), set(256, 0), out(), out(1)}));
  EXPECT_EQ(o.output, std::string("\x00\x03", 2));
}

TEST(ThreadedDecoder, EveryJumpOfADeeplyNestedProgramLandsOnAnInstruction) {
  std::string code;
  for (int i = 0; i < 200; ++i) code += "+[>";
  for (int i = 0; i < 200; ++i) code += "-]<";
  const DecodedProgram d = decode(parse(Source("t", code)));
  for (size_t i = 0; i < d.code.size(); ++i) {
    if (d.handlers[i] == Handler::kLoopBegin || d.handlers[i] == Handler::kLoopEnd ||
        d.handlers[i] == Handler::kMoveLoopEnd) {
      const size_t target = target_of(d, i);
      ASSERT_LT(target, d.code.size()) << i;
      EXPECT_TRUE(d.handlers[target].has_value()) << i;
    }
  }
}

}  // namespace
}  // namespace bf::threaded
