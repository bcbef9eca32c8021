// The shared zero scans (core/runtime/zero_scan.h) on every ISA this CPU has, against the
// scan loop written out: every stride -16..16 and longer ones, tapes of sizes that are not
// multiples of a vector, starts near both ends (and just beyond the end a scan moves to). The
// tape sits flush against a PROT_NONE page on one side or the other, so a read outside it
// crashes the test.
#include <gtest/gtest.h>
#include <sys/mman.h>

#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "core/runtime/zero_scan.h"

namespace bf::testing {
namespace {

constexpr size_t kPage = 4096;

// `cells` bytes whose begin (or end) touches an inaccessible page.
class GuardedCells {
 public:
  GuardedCells(size_t cells, bool flush_end) {
    mapping_ = static_cast<uint8_t*>(
        ::mmap(nullptr, 3 * kPage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
    if (mapping_ == MAP_FAILED) throw std::runtime_error("mmap");
    ::mprotect(mapping_, kPage, PROT_NONE);
    ::mprotect(mapping_ + 2 * kPage, kPage, PROT_NONE);
    begin_ = flush_end ? mapping_ + 2 * kPage - cells : mapping_ + kPage;
    size_ = cells;
  }
  ~GuardedCells() { ::munmap(mapping_, 3 * kPage); }
  GuardedCells(const GuardedCells&) = delete;
  GuardedCells& operator=(const GuardedCells&) = delete;

  uint8_t* begin() const { return begin_; }
  uint8_t* end() const { return begin_ + size_; }

 private:
  uint8_t* mapping_ = nullptr;
  uint8_t* begin_ = nullptr;
  size_t size_ = 0;
};

// The scan as the naive engine runs it, as an index (-1 or less, `size` or more: off the tape).
int64_t expected_stop(const std::vector<uint8_t>& cells, int64_t from, int64_t stride) {
  const auto size = static_cast<int64_t>(cells.size());
  int64_t p = from;
  while (p >= 0 && p < size && cells[static_cast<size_t>(p)] != 0) p += stride;
  return p;
}

std::vector<ScanIsa> available_isas() {
  std::vector<ScanIsa> isas;
  for (ScanIsa isa : {ScanIsa::kScalar, ScanIsa::kSse2, ScanIsa::kAvx2}) {
    if (scan_isa_available(isa)) isas.push_back(isa);
  }
  return isas;
}

std::vector<int32_t> strides() {
  std::vector<int32_t> all;
  for (int32_t s = -16; s <= 16; ++s) {
    if (s != 0) all.push_back(s);
  }
  for (int32_t s : {17, -17, 31, -31, 32, -33, 40, 100, -100}) all.push_back(s);
  return all;
}

// Every start on small tapes, both ends on larger ones; the starts the contract allows include
// cells beyond the end the scan moves to.
std::vector<int64_t> starts(int64_t size, int32_t stride) {
  std::vector<int64_t> all;
  const int64_t beyond = std::abs(stride) + 1;
  for (int64_t p = 0; p < size; ++p) {
    if (size <= 80 || p < 40 || p >= size - 40) all.push_back(p);
  }
  for (int64_t j = 0; j < beyond; ++j) all.push_back(stride > 0 ? size + j : -1 - j);
  return all;
}

void check_all(ScanIsa isa, int zero_percent, uint32_t seed) {
  std::mt19937 random(seed);
  for (size_t size : {1, 2, 15, 17, 31, 33, 63, 65, 100, 127, 129, 300, 1000}) {
    std::vector<uint8_t> cells(size);
    for (uint8_t& c : cells) {
      c = static_cast<int>(random() % 100) < zero_percent ? 0 : 1 + random() % 255;
    }
    for (bool flush_end : {false, true}) {
      GuardedCells tape(size, flush_end);
      std::copy(cells.begin(), cells.end(), tape.begin());
      for (int32_t stride : strides()) {
        const ZeroScan scan = zero_scan_for(stride, isa);
        for (int64_t from : starts(static_cast<int64_t>(size), stride)) {
          // Integer addresses: from may lie outside the tape.
          const auto base = reinterpret_cast<intptr_t>(tape.begin());
          uint8_t* got = scan(reinterpret_cast<uint8_t*>(base + from), tape.begin(), tape.end(),
                              stride);
          const int64_t stop = reinterpret_cast<intptr_t>(got) - base;
          ASSERT_EQ(stop, expected_stop(cells, from, stride))
              << scan_isa_name(isa) << " stride " << stride << " size " << size << " from "
              << from << (flush_end ? " (end flush)" : " (begin flush)");
        }
      }
    }
  }
}

class ZeroScans : public ::testing::TestWithParam<ScanIsa> {};

TEST_P(ZeroScans, NoZeroRunsToTheFirstCellOffTheTape) { check_all(GetParam(), 0, 1); }
TEST_P(ZeroScans, SparseZerosStopAtTheFirstOneOnTheStride) { check_all(GetParam(), 3, 2); }
TEST_P(ZeroScans, DenseZeros) { check_all(GetParam(), 30, 3); }

INSTANTIATE_TEST_SUITE_P(EveryAvailableIsa, ZeroScans, ::testing::ValuesIn(available_isas()),
                         [](const auto& info) { return std::string(scan_isa_name(info.param)); });

// one_cell_seek: the cell holding the value sought, or the first off the tape, from every start
// on tapes flush against a PROT_NONE page; cells 1..255 with that value now and then.
TEST(OneCellSeek, StopsAtTheValueOrTheFirstCellOffTheTape) {
  std::mt19937 random(4);
  for (size_t size : {1, 2, 17, 33, 100, 1000}) {
    for (const int value : {1, 77, 255}) {
      std::vector<uint8_t> cells(size);
      for (uint8_t& c : cells) c = random() % 20 == 0 ? value : 1 + random() % 255;
      for (bool flush_end : {false, true}) {
        GuardedCells tape(size, flush_end);
        std::copy(cells.begin(), cells.end(), tape.begin());
        for (int32_t stride : {1, -1}) {
          for (int64_t from : starts(static_cast<int64_t>(size), stride)) {
            int64_t want = from;
            const auto n = static_cast<int64_t>(size);
            while (want >= 0 && want < n && cells[static_cast<size_t>(want)] != value) {
              want += stride;
            }
            const auto base = reinterpret_cast<intptr_t>(tape.begin());
            uint8_t* got = one_cell_seek(stride)(reinterpret_cast<uint8_t*>(base + from),
                                                 tape.begin(), tape.end(), value);
            ASSERT_EQ(reinterpret_cast<intptr_t>(got) - base, want)
                << "value " << value << " stride " << stride << " size " << size << " from "
                << from;
          }
        }
      }
    }
  }
}

TEST(ZeroScanIsa, SseIsAlwaysThereOnX86AndAvx2WhenTheCpuSaysSo) {
#if defined(__x86_64__)
  EXPECT_TRUE(scan_isa_available(ScanIsa::kSse2));
  EXPECT_EQ(scan_isa_available(ScanIsa::kAvx2), __builtin_cpu_supports("avx2") != 0);
#endif
  EXPECT_TRUE(scan_isa_available(preferred_scan_isa()));
}

TEST(ZeroScanIsa, VectorIsasUseTheirOwnKernelsUpToSixteen) {
  if (!scan_isa_available(ScanIsa::kSse2)) GTEST_SKIP() << "no SSE2 on this build";
  for (int32_t stride : {1, -1, 9, -16}) {
    EXPECT_NE(zero_scan_for(stride, ScanIsa::kSse2), zero_scan_for(stride, ScanIsa::kScalar));
  }
  EXPECT_EQ(zero_scan_for(17, ScanIsa::kSse2), zero_scan_for(17, ScanIsa::kScalar));
}

}  // namespace
}  // namespace bf::testing
