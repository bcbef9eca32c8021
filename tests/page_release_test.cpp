// ConsumedPrefix on an anonymous mapping: released pages read as zeros, kept ones keep their bytes.
#include <gtest/gtest.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstring>

#include "core/page_release.h"

namespace bf {
namespace {

constexpr size_t kBytes = 4 * ConsumedPrefix::kStepBytes;

class ConsumedPrefixTest : public ::testing::Test {
 protected:
  void SetUp() override {
    void* memory =
        ::mmap(nullptr, kBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    ASSERT_NE(memory, MAP_FAILED);
    bytes_ = static_cast<unsigned char*>(memory);
    std::memset(bytes_, 0xab, kBytes);
  }
  void TearDown() override { ::munmap(bytes_, kBytes); }

  bool kept(size_t at) const { return bytes_[at] == 0xab; }

  unsigned char* bytes_ = nullptr;
  const size_t page_ = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
};

TEST_F(ConsumedPrefixTest, ReleasesOnlyOnceAStepHasGatheredAndNeverThePageItIsIn) {
  ConsumedPrefix consumed(bytes_);
  consumed.done_before(bytes_ + ConsumedPrefix::kStepBytes - 1);
  EXPECT_TRUE(kept(0));  // less than a step: nothing yet
  const size_t end = ConsumedPrefix::kStepBytes + page_ / 2;
  consumed.done_before(bytes_ + end);
  EXPECT_FALSE(kept(0));
  EXPECT_FALSE(kept(ConsumedPrefix::kStepBytes - 1));
  EXPECT_TRUE(kept(end));
  EXPECT_TRUE(kept(ConsumedPrefix::kStepBytes));  // in the page `end` is in
  // The next step counts from the released pages' end (kStepBytes), not from `end`.
  consumed.done_before(bytes_ + 2 * ConsumedPrefix::kStepBytes - 1);
  EXPECT_TRUE(kept(ConsumedPrefix::kStepBytes));
  consumed.done_before(bytes_ + 2 * ConsumedPrefix::kStepBytes + page_ / 2);
  EXPECT_FALSE(kept(2 * ConsumedPrefix::kStepBytes - 1));
  EXPECT_TRUE(kept(2 * ConsumedPrefix::kStepBytes));
}

TEST_F(ConsumedPrefixTest, KeepReleasesBeforeTheKeptRangeAtOnceAndGoesOnAfterIt) {
  ConsumedPrefix consumed(bytes_);
  const size_t begin = 3 * page_;
  const size_t end = 5 * page_ + 1;
  consumed.keep(bytes_ + begin, bytes_ + end);
  EXPECT_FALSE(kept(begin - 1));  // less than a step, but released
  for (size_t at = begin; at < 6 * page_; at += page_ / 4) EXPECT_TRUE(kept(at)) << at;
  consumed.done_before(bytes_ + end + ConsumedPrefix::kStepBytes);
  EXPECT_TRUE(kept(end));  // still in the kept range's last page
  EXPECT_FALSE(kept(6 * page_));
}

}  // namespace
}  // namespace bf
