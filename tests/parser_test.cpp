#include "core/parser.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include "core/ir_printer.h"
#include "core/passes/fold_runs.h"
#include "core/passes/pipeline.h"
#include "tests/support/random_program.h"

namespace bf {
namespace {

std::string parse_error(const std::string& code) {
  const Source source("prog.b", code);
  try {
    parse(source);
  } catch (const ParseError& error) {
    return source.describe(error.byte) + ": " + error.message;
  }
  return "no error";
}

TEST(Parser, OneOpPerCommandWithItsSourceByte) {
  const Program program = parse(Source("p", "+ -\n><.,[]"));
  ASSERT_EQ(program.ops.size(), 8u);
  EXPECT_EQ(program.ops[0].kind, OpKind::kAdd);
  EXPECT_EQ(program.ops[0].arg, 1);
  EXPECT_EQ(program.ops[1].kind, OpKind::kAdd);
  EXPECT_EQ(program.ops[1].arg, -1);
  EXPECT_EQ(program.ops[1].src, 2u);
  EXPECT_EQ(program.ops[2].kind, OpKind::kMove);
  EXPECT_EQ(program.ops[2].arg, 1);
  EXPECT_EQ(program.ops[2].src, 4u);
  EXPECT_EQ(program.ops[3].arg, -1);
  EXPECT_EQ(program.ops[4].kind, OpKind::kOut);
  EXPECT_EQ(program.ops[5].kind, OpKind::kIn);
  EXPECT_EQ(program.ops[6].kind, OpKind::kLoopBegin);
  EXPECT_EQ(program.ops[6].arg, 7);
  EXPECT_EQ(program.ops[7].kind, OpKind::kLoopEnd);
  EXPECT_EQ(program.ops[7].arg, 6);
  EXPECT_EQ(verify(program), "");
}

TEST(Parser, EveryOtherByteIsAComment) {
  std::string bytes;
  for (int b = 0; b < 256; ++b) {
    if (std::string("+-<>.,[]").find(static_cast<char>(b)) == std::string::npos) bytes += static_cast<char>(b);
  }
  EXPECT_TRUE(parse(Source("p", bytes)).ops.empty());
}

TEST(Parser, UnmatchedOpenNamesItsPosition) {
  EXPECT_EQ(parse_error("++\n++\n++++++++++++++++[+\n"), "prog.b:3:17 (byte 22): unmatched '['");
}

TEST(Parser, UnmatchedOpenReportsTheInnermostLeftOpen) {
  EXPECT_EQ(parse_error("[[]"), "prog.b:1:1 (byte 0): unmatched '['");
  EXPECT_EQ(parse_error("[[]["), "prog.b:1:4 (byte 3): unmatched '['");
}

TEST(Parser, UnmatchedCloseNamesTheFirstOne) {
  EXPECT_EQ(parse_error("+]"), "prog.b:1:2 (byte 1): unmatched ']'");
  EXPECT_EQ(parse_error("[]]\n]"), "prog.b:1:3 (byte 2): unmatched ']'");
}

TEST(Parser, AMillionNestedLoopsParseWithoutRecursion) {
  const int depth = 1'000'000;
  const std::string code = std::string(depth, '[') + std::string(depth, ']');
  const Program program = parse(Source("deep.b", code));
  ASSERT_EQ(program.ops.size(), 2u * depth);
  EXPECT_EQ(program.ops[0].arg, 2 * depth - 1);
  EXPECT_EQ(program.ops[depth - 1].arg, depth);
  EXPECT_EQ(verify(program), "");
}

TEST(Parser, AMillionNestedLoopsMissingOneCloseFailCleanly) {
  const int depth = 1'000'000;
  const std::string code = std::string(depth, '[') + std::string(depth - 1, ']');
  EXPECT_EQ(parse_error(code), "prog.b:1:1 (byte 0): unmatched '['");
}

// An op names its source byte in 28 bits: a longer source is an error, not a wrapped position. The
// file is sparse (all comments), so the test neither writes nor reads 256 MiB.
TEST(Parser, ASourceBeyond256MiBIsAClearError) {
  const std::string path = ::testing::TempDir() + "beyond_the_source_limit.b";
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::ftruncate(fd, off_t{kMaxSourceBytes} + 1), 0);
  ::close(fd);
  try {
    parse(read_source_file(path));
    ADD_FAILURE() << "parsed a source of more than kMaxSourceBytes";
  } catch (const ParseError& error) {
    EXPECT_EQ(error.byte, kMaxSourceBytes);
    EXPECT_EQ(error.message,
              "source of 268435457 bytes is longer than the limit of 268435456 bytes (256 MiB)");
  }
  ::unlink(path.c_str());
}

TEST(Parser, EmptyProgramIsValid) { EXPECT_TRUE(parse(Source("e", "")).ops.empty()); }

}  // namespace
}  // namespace bf

namespace bf {
namespace {

// Folding while parsing is fold-runs of the O0 program, op for op, on programs of every idiom
// (cancelling pairs, adds of 0 that must stay, moves that sum to 0 next to loops); and the
// pipeline that starts from it gives what optimize() gives at every level.
TEST(Parser, FoldingWhileParsingIsFoldRunsOfTheO0Program) {
  for (uint64_t seed = 1; seed <= 300; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    const Source source("random.b", testing::random_program(seed).code + "+-<>+>-<[-+]><");
    const Program o0 = parse(source);
    ASSERT_EQ(parse(source, {.fold_runs = true}), passes::fold_runs(o0));
    for (int level = 0; level <= kMaxLevel; ++level) {
      ASSERT_EQ(parse_and_optimize(source, level, /*check=*/true), optimize(o0, level, {}, true))
          << "level " << level;
    }
  }
}

TEST(Parser, FoldingWhileParsingStillNamesTheUnmatchedBracket) {
  EXPECT_THROW(parse(Source("p", "++>>]"), {.fold_runs = true}), ParseError);
  try {
    parse(Source("p", "+[[+-]"), {.fold_runs = true});
    FAIL() << "no error";
  } catch (const ParseError& error) {
    EXPECT_EQ(error.byte, 1u);
    EXPECT_EQ(error.message, "unmatched '['");
  }
}

}  // namespace
}  // namespace bf
