// Resource use: the peak resident memory of `bfbench run` on mandelbrot stays within the tape
// plus a few MiB on every engine. Prints the table (engine, peak, an empty program's peak) that
// the reliability note quotes.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "cli/sha256.h"
#include "core/runtime/tape.h"
#include "engines/builtin_engines.h"
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

}  // namespace
}  // namespace bf::testing
