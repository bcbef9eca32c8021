// Resource use: the peak resident memory of `bfbench run` on mandelbrot, and on a generated 2 MB
// program at every level, stays within the tape plus a few MiB on every engine; on a program that
// does not fold, within the tape plus a few bytes per command. Prints the tables
// (engine, peak, an empty program's peak; engine x level) that the reliability note and
// docs/memory.md quote.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "cli/sha256.h"
#include "core/runtime/tape.h"
#include "engines/builtin_engines.h"
#include "tests/reliability/large_program.h"
#include "tests/reliability/peak_memory.h"
#include "tests/support/test_corpus.h"

#if defined(__SANITIZE_ADDRESS__)
#define BF_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BF_UNDER_ASAN 1
#endif
#endif

namespace bf::testing {
namespace {

const std::string kBfbench = BFBENCH_BINARY;

// What a run may add to the resident memory of the same engine running an empty program, beyond
// the tape's own pages: the decoded program or generated code, buffers, the compiler's heap.
constexpr uint64_t kRunAllowanceKib = 4 * 1024;
// What bfbench may hold at all besides the tape: the run's allowance above plus the fixed cost of
// the executable and its shared libraries (about 10 MiB on Debian 12).
constexpr uint64_t kTotalAllowanceKib = 16 * 1024;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

std::string mib(uint64_t kib) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f MiB", static_cast<double>(kib) / 1024.0);
  return text;
}

TEST(PeakMemory, MandelbrotStaysWithinTheTapeAndAFewMiBOnEveryEngine) {
#ifdef BF_UNDER_ASAN
  GTEST_SKIP() << "under AddressSanitizer resident memory is mostly shadow memory and quarantine";
#endif
  std::string why_not;
  if (!third_party_available(why_not)) {
    if (running_in_ci()) FAIL() << why_not;
    GTEST_SKIP() << why_not;
  }
  const CorpusEntry* mandelbrot = test_corpus().find("mandelbrot");
  ASSERT_NE(mandelbrot, nullptr);
  const uint64_t tape_kib = Tape::rounded_size(kDefaultTapeCells) / 1024;
  const std::string out_path = ::testing::TempDir() + "peak_memory.out";

  std::string table = "| engine | peak, mandelbrot -O3 | peak, empty program | difference |\n"
                      "|---|---|---|---|\n";
  for (const EngineInfo& engine : builtin_engines().all()) {
    if (!engine.available) {
      table += "| " + engine.name + " | unavailable | | |\n";
      continue;
    }
    SCOPED_TRACE(engine.name);
    const PeakMemory empty =
        measure_peak_memory({kBfbench, "run", "--engine", engine.name, "-e", ""}, out_path);
    ASSERT_EQ(empty.exit_code, 0);
    const PeakMemory run = measure_peak_memory(
        {kBfbench, "run", "--engine", engine.name, mandelbrot->program.string()}, out_path);
    ASSERT_EQ(run.exit_code, 0) << "signal " << run.signal << (run.timed_out ? ", timed out" : "");
    EXPECT_EQ(sha256_hex(read_file(out_path)), mandelbrot->expected_sha256) << "wrong output";
    ASSERT_GT(run.peak_kib, 0u) << "no VmHWM read at exit";
    EXPECT_LE(run.peak_kib, empty.peak_kib + tape_kib + kRunAllowanceKib)
        << "mandelbrot's run needs " << mib(run.peak_kib - empty.peak_kib)
        << " more than an empty program";
    EXPECT_LE(run.peak_kib, tape_kib + kTotalAllowanceKib) << "peak " << mib(run.peak_kib);
    table += "| " + engine.name + " | " + mib(run.peak_kib) + " | " + mib(empty.peak_kib) + " | " +
             mib(run.peak_kib > empty.peak_kib ? run.peak_kib - empty.peak_kib : 0) + " |\n";
  }
  std::printf("Peak resident memory of bfbench run (VmHWM at exit; tape %s):\n%s", mib(tape_kib).c_str(),
              table.c_str());
}

// O0 keeps one op per command (16 bytes each), and threaded's stream beside the ops not decoded
// yet, so its peak grows with the commands; above O0 the parser folds runs while it reads (never
// holding the O0 program) and the peak stays within the tape plus kTotalAllowanceKib. Measured on
// the 2 MB program (1.0 M commands) at O0: 19-20 MiB for the JITs and naive, 47 MiB for threaded
// (31 bytes per command beyond the tape and 16 MiB); the build before the engines released the
// ops while compiling needed 33-38 and 66 MiB.
constexpr uint64_t kO0BytesPerCommand = 48;

uint64_t count_commands(const std::string& program) {
  uint64_t commands = 0;
  for (const char c : program) commands += std::string_view("+-<>.,[]").find(c) != std::string_view::npos;
  return commands;
}

TEST(PeakMemory, ATwoMegabyteProgramStaysWithinTheTapeAnd16MiBAboveO0OnEveryEngine) {
#ifdef BF_UNDER_ASAN
  GTEST_SKIP() << "under AddressSanitizer resident memory is mostly shadow memory and quarantine";
#endif
  const std::string program = large_program(2'000'000);
  const std::string path = ::testing::TempDir() + "large_program.b";
  std::ofstream(path, std::ios::binary) << program;
  const uint64_t commands = count_commands(program);
  const uint64_t tape_kib = Tape::rounded_size(kDefaultTapeCells) / 1024;
  const std::string out_path = ::testing::TempDir() + "large_program.out";

  std::string expected_output;  // the first run's (naive, O0); every other run must match it
  std::string table = "| engine | O0 | O1 | O2 | O3 |\n|---|---|---|---|---|\n";
  for (const EngineInfo& engine : builtin_engines().all()) {
    // cc: its peak is the C compiler's, a child this measurement leaves out (cc's own tests).
    if (!engine.available || engine.name == "cc") continue;
    table += "| " + engine.name + " |";
    for (int level = 0; level <= 3; ++level) {
      const std::string level_name = "O" + std::to_string(level);
      SCOPED_TRACE(engine.name + " -" + level_name);
      const PeakMemory run = measure_peak_memory(
          {kBfbench, "run", "--engine", engine.name, "-" + level_name, path}, out_path);
      ASSERT_EQ(run.exit_code, 0) << "signal " << run.signal << (run.timed_out ? ", timed out" : "");
      const std::string output = read_file(out_path);
      if (expected_output.empty()) expected_output = output;
      EXPECT_EQ(output, expected_output) << "wrong output";
      ASSERT_GT(run.peak_kib, 0u) << "no VmHWM read at exit";
      const uint64_t allowance_kib =
          kTotalAllowanceKib + (level == 0 ? commands * kO0BytesPerCommand / 1024 : 0);
      EXPECT_LE(run.peak_kib, tape_kib + allowance_kib)
          << "bfbench run -" << level_name << " on a 2 MB program (" << commands
          << " commands) peaks at " << mib(run.peak_kib) << "; allowed: the tape (" << mib(tape_kib)
          << ") + " << mib(allowance_kib);
      table += " " + mib(run.peak_kib) + " |";
    }
    table += "\n";
  }
  EXPECT_FALSE(expected_output.empty()) << "the program printed nothing";
  std::printf("Peak resident memory of bfbench run on a generated 2 MB program (%llu commands; "
              "VmHWM at exit; tape %s):\n%s",
              static_cast<unsigned long long>(commands), mib(tape_kib).c_str(), table.c_str());
}

// A program that nothing folds (`+>` repeated: one op per command at every level) costs memory in
// proportion to its commands. What is left is the parse's one op per command (16 bytes): every
// pass that shrinks the program gives the pages back, the engines release the ops as they compile
// them, and the JITs keep their code and a compact access map only; threaded holds its stream, 46
// bytes per slot, beside the ops not decoded yet. Bytes per command above an empty program's peak
// and the tape, measured on this program (docs/memory-and-startup.md) with about 25% margin; the
// build before needed 15 / 26 / 65 at O0 (naive / JITs / threaded) and 23-33 at O3.
uint64_t bytes_per_command_bound(const std::string& engine, int level) {
  if (engine == "threaded") return level == 0 ? 56 : 30;  // measured 44 and 22
  return 20;  // naive and the JITs, measured 15-16: the ops the parser reads
}

TEST(PeakMemory, ANonFoldingProgramNeedsAFewBytesPerCommandOnEveryEngine) {
#ifdef BF_UNDER_ASAN
  GTEST_SKIP() << "under AddressSanitizer resident memory is mostly shadow memory and quarantine";
#endif
  constexpr uint64_t kPairs = 1'000'000;  // 2 MB, 2 M commands; p ends at cell 1 M
  constexpr uint64_t kCommands = 2 * kPairs;
  constexpr uint64_t kTapeCells = 2 * kPairs;
  std::string program;
  program.reserve(kCommands);
  for (uint64_t i = 0; i < kPairs; ++i) program += "+>";
  const std::string path = ::testing::TempDir() + "non_folding.b";
  std::ofstream(path, std::ios::binary) << program;
  const std::string out_path = ::testing::TempDir() + "non_folding.out";
  const uint64_t tape_kib = Tape::rounded_size(kTapeCells) / 1024;

  // Each cell: the peak, and in brackets the bytes per command above an empty program's peak.
  std::string table = "| engine | O0 | O3 |\n|---|---|---|\n";
  for (const EngineInfo& engine : builtin_engines().all()) {
    if (!engine.available || engine.name == "cc") continue;  // cc: the C compiler's memory
    const PeakMemory empty =
        measure_peak_memory({kBfbench, "run", "--engine", engine.name, "-e", ""}, out_path);
    ASSERT_EQ(empty.exit_code, 0);
    table += "| " + engine.name + " |";
    for (const int level : {0, 3}) {
      const std::string level_name = "-O" + std::to_string(level);
      SCOPED_TRACE(engine.name + " " + level_name);
      const PeakMemory run = measure_peak_memory(
          {kBfbench, "run", "--engine", engine.name, level_name, "--tape-size",
           std::to_string(kTapeCells), path},
          out_path);
      ASSERT_EQ(run.exit_code, 0) << "signal " << run.signal << (run.timed_out ? ", timed out" : "");
      ASSERT_GT(run.peak_kib, 0u) << "no VmHWM read at exit";
      const uint64_t bound = bytes_per_command_bound(engine.name, level);
      const uint64_t allowed_kib = empty.peak_kib + tape_kib + kCommands * bound / 1024;
      const uint64_t above_kib = run.peak_kib > empty.peak_kib ? run.peak_kib - empty.peak_kib : 0;
      EXPECT_LE(run.peak_kib, allowed_kib)
          << kCommands << " commands that do not fold peak at " << mib(run.peak_kib)
          << "; allowed: an empty program's " << mib(empty.peak_kib) << " + the tape ("
          << mib(tape_kib) << ") + " << bound << " bytes per command";
      table += " " + mib(run.peak_kib) + " (" + std::to_string(above_kib * 1024 / kCommands) +
               " B) |";
    }
    table += "\n";
  }
  std::printf("Peak resident memory of bfbench run on `+>` x %llu (VmHWM at exit; tape %s):\n%s",
              static_cast<unsigned long long>(kPairs), mib(tape_kib).c_str(), table.c_str());
}

}  // namespace
}  // namespace bf::testing
