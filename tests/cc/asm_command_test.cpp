// `bfbench asm`: the listing format on hand-assembled bytes (no JIT needed), then the real command
// on every JIT engine this build registers, and its usage errors.
#include "cli/asm_command.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/parser.h"
#include "core/passes/pipeline.h"
#include "tests/support/process.h"
#include "tests/support/require_engine.h"

namespace bf::testing {
namespace {

// One listing line: address, bytes padded to a column, instruction.
std::string line(uint64_t address, const std::string& hex, const std::string& text) {
  char head[32];
  std::snprintf(head, sizeof head, "  0x%016llx  ", static_cast<unsigned long long>(address));
  std::string padded = hex;
  padded.resize(std::max<size_t>(padded.size(), 33), ' ');
  return head + padded + text + "\n";
}

TEST(AsmListing, EachOpHeadsItsOwnInstructions) {
  // "+++++ >>\n." at O1: add 5 (bytes 0-4), move 2 (6-7), out (line 2).
  const Source source("t.b", "+++++ >>\n.");
  Program program = optimize(parse(source), 1);
  ASSERT_EQ(program.ops.size(), 3u);
  // push rbx | add byte ptr [rbx], 5 | add rbx, 2 | (bad byte) ret
  const std::vector<uint8_t> bytes = {0x53, 0x80, 0x03, 0x05, 0x48, 0x83, 0xc3, 0x02, 0x06, 0xc3};
  MachineCode code;
  code.bytes = bytes;
  code.address = 0x1000;
  code.op_offsets = {1, 4, 8};
  const std::string want =
      "; demo: 10 bytes of code at 0x1000, 3 ops\n"
      "; entry\n" +
      line(0x1000, "53 ", "push rbx") + "; op 0  add p[0] += 5  bytes 0-4 (1:1-1:5)\n" +
      line(0x1001, "80 03 05 ", "add byte ptr [rbx], 5") +
      "; op 1  move p += 2  bytes 6-7 (1:7-1:8)\n" + line(0x1004, "48 83 c3 02 ", "add rbx, 2") +
      "; op 2  out p[0]  byte 9 (2:1)\n"
      ";   (with everything after it: exit paths and out-of-line code)\n" +
      line(0x1008, "06 ", ".byte 0x06") +  // no instruction in 64-bit mode: shown, then skipped
      line(0x1009, "c3 ", "ret");
  EXPECT_EQ(cli::format_asm(program, source, code, "demo"), want);
}

TEST(AsmListing, OpsWithoutCodeOfTheirOwnShareTheNextOnes) {
  const Source source("t.b", "+>+");
  const Program program = parse(source);  // add, move, add
  const std::vector<uint8_t> bytes = {0x80, 0x03, 0x01, 0x80, 0x43, 0x01, 0x01, 0xc3};
  MachineCode code;
  code.bytes = bytes;
  code.address = 0x2000;
  code.op_offsets = {0, 3, 3};  // the move is folded into the next add's addressing
  const std::string listing = cli::format_asm(program, source, code, "demo");
  const std::string want_middle =
      "; op 1  move p += 1  byte 1 (1:2)\n"
      "; op 2  add p[0] += 1  byte 2 (1:3)\n"
      ";   (with everything after it: exit paths and out-of-line code)\n" +
      line(0x2003, "80 43 01 01 ", "add byte ptr [rbx + 1], 1");
  EXPECT_NE(listing.find(want_middle), std::string::npos) << listing;
  EXPECT_EQ(listing.find("; entry"), std::string::npos);  // op 0 starts at the first byte
}

TEST(AsmListing, RefusesCodeThatMapsADifferentNumberOfOps) {
  const Source source("t.b", "++");
  MachineCode code;
  code.op_offsets = {0};
  EXPECT_THROW(cli::format_asm(parse(source), source, code, "demo"), std::logic_error);
}

const std::string kBfbench = BFBENCH_BINARY;
const std::string kHello = std::string(BFBENCH_SOURCE_DIR) + "/corpus/hello.b";

TEST(AsmCommand, ListsEveryOpOfEachJit) {
  const Program program = optimize(parse(read_source_file(kHello)), 3);
  int listed = 0;
  for (const char* name : {"handjit", "xbyak", "asmjit"}) {
    SCOPED_TRACE(name);
    // Skipped when this build lacks it (library missing); failed under CI=true.
    if (require_engine(name) == nullptr) continue;
    const ProcessResult r = run_process({kBfbench, "asm", "--engine", name, "-O3", kHello});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err, "");
    EXPECT_EQ(r.out.rfind("; " + std::string(name) + " -O3 ", 0), 0u) << r.out.substr(0, 200);
    for (size_t i = 0; i < program.ops.size(); ++i) {
      EXPECT_NE(r.out.find("; op " + std::to_string(i) + "  "), std::string::npos) << "op " << i;
    }
    EXPECT_NE(r.out.find("  ret\n"), std::string::npos);
    EXPECT_EQ(r.out.find(".byte"), std::string::npos) << "undecodable bytes in " << name;
    ++listed;
  }
  if (listed == 0) GTEST_SKIP() << "no JIT engine in this build yet";
}

TEST(AsmCommand, AnEngineWithoutMachineCodeIsAUsageError) {
  for (const char* name : {"naive", "cc", "no-such-engine"}) {
    SCOPED_TRACE(name);
    const ProcessResult r = run_process({kBfbench, "asm", "--engine", name, "-e", "+."});
    EXPECT_EQ(r.exit_code, 64);
    EXPECT_NE(r.err.find("(engines with machine code: "), std::string::npos) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  }
}

}  // namespace
}  // namespace bf::testing
