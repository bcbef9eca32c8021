// asmjit's code is handjit's instruction for instruction, except for the function frame AsmJit's
// FuncFrame emits -- checked on every corpus program at every level, with and without step counting.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/parser.h"
#include "core/passes/pipeline.h"
#include "tests/jit/code_listing.h"
#include "tests/jit/jit_engines.h"
#include "tests/support/test_corpus.h"

namespace bf::testing {
namespace {

// handjit's listing with AsmJit's frame in place of handjit's:
// - FuncArgsAssignment moves the arguments in argument order, then we copy the tape begin:
//     mov rbx, rdi; mov r12, rsi; mov r14, rdx; mov r13, rbx
// - emitEpilog restores rsp from rbp before popping (a no-op here: the body never moves rsp):
//     lea rsp, [rbp - 0x20]; pop r14; ...
// The prologue's pushes are the same. Jumps past the epilogue's start move down one instruction.
CodeListing with_asmjit_frame(CodeListing listing) {
  std::vector<std::string>& lines = listing.lines;
  const std::vector<std::string> handjit_moves{"mov rbx, rdi", "mov r13, rdi", "mov r12, rsi", "mov r14, rdx"};
  if (lines.size() < 10 || !std::equal(handjit_moves.begin(), handjit_moves.end(), lines.begin() + 6)) {
    throw std::logic_error("handjit's prologue is not the documented one");
  }
  const std::vector<std::string> asmjit_moves{"mov rbx, rdi", "mov r12, rsi", "mov r14, rdx", "mov r13, rbx"};
  std::copy(asmjit_moves.begin(), asmjit_moves.end(), lines.begin() + 6);

  const auto epilogue = static_cast<size_t>(std::find(lines.begin(), lines.end(), "pop r14") - lines.begin());
  if (epilogue == lines.size()) throw std::logic_error("handjit's code has no epilogue");
  for (std::string& line : lines) {
    const size_t at = line.find(" @");
    if (at == std::string::npos) continue;
    const size_t target = std::stoul(line.substr(at + 2));
    if (target > epilogue) line = line.substr(0, at) + " @" + std::to_string(target + 1);
  }
  lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(epilogue), "lea rsp, [rbp - 0x20]");
  return listing;
}

TEST(AsmjitCode, IsHandjitsCodeInAsmJitsFrameForTheWholeCorpus) {
  BF_REQUIRE_ENGINE(asmjit, "asmjit");
  BF_REQUIRE_ENGINE(handjit, "handjit");
  const size_t programs = for_each_corpus_compile([&](const Program& program, bool count_steps) {
    const std::string want =
        listing_text(with_asmjit_frame(compiled_listing(handjit, program, count_steps)));
    const std::string got = listing_text(compiled_listing(asmjit, program, count_steps));
    ASSERT_EQ(got, want);
  });
  EXPECT_GT(programs, 10u);
}

}  // namespace
}  // namespace bf::testing
