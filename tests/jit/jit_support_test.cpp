// The pieces of engines/jit on their own: code memory protection, the access map's lookup, and the
// guard tracker's decisions.
#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "core/engine.h"
#include "engines/jit/access_map.h"
#include "engines/jit/code_memory.h"
#include "engines/jit/known_cells.h"
#include "core/runtime/tape.h"
#include "tests/jit/proc_maps.h"

namespace bf::jit {
namespace {

TEST(CodeMemory, IsWritableUntilSealedThenReadExecute) {
  CodeMemory memory(100);
  uint8_t* bytes = memory.writable();
  bytes[0] = 0xC3;  // ret
  EXPECT_EQ(bf::testing::permissions_at(memory.data()), "rw-p");
  memory.seal();
  EXPECT_EQ(bf::testing::permissions_at(memory.data()), "r-xp");
  EXPECT_THROW(memory.writable(), CompileError);
  using Function = void (*)();
  reinterpret_cast<Function>(const_cast<uint8_t*>(memory.data()))();  // runs: it is executable
}

TEST(CodeMemory, CopyOfSealsACopy) {
  const std::vector<uint8_t> code{0xB8, 0x2A, 0x00, 0x00, 0x00, 0xC3};  // mov eax, 42; ret
  const CodeMemory memory = CodeMemory::copy_of(code);
  EXPECT_TRUE(memory.sealed());
  EXPECT_EQ(memory.size(), code.size());
  using Function = int (*)();
  EXPECT_EQ(reinterpret_cast<Function>(const_cast<uint8_t*>(memory.data()))(), 42);
}

TEST(CodeMemory, MovesOwnership) {
  CodeMemory first = CodeMemory::copy_of(std::vector<uint8_t>{0xC3});
  const uint8_t* address = first.data();
  CodeMemory second = std::move(first);
  EXPECT_EQ(second.data(), address);
  EXPECT_EQ(first.data(), nullptr);
  second = CodeMemory::copy_of(std::vector<uint8_t>{0xC3, 0xC3});
  EXPECT_EQ(second.size(), 2u);
}

TEST(AccessMap, AMarkCoversTheCodeUpToTheNextMark) {
  AccessMap map;
  EXPECT_EQ(map.mark(10, 100), 0u);
  EXPECT_EQ(map.mark(14, 200), 1u);
  EXPECT_EQ(map.mark(14, 300), 2u);  // an empty stretch: the later mark wins
  EXPECT_EQ(map.mark(30, 400), 3u);
  EXPECT_FALSE(map.src_at(9).has_value());
  EXPECT_EQ(map.src_at(10), 100u);
  EXPECT_EQ(map.src_at(13), 100u);
  EXPECT_EQ(map.src_at(14), 300u);
  EXPECT_EQ(map.src_at(29), 300u);
  EXPECT_EQ(map.src_at(1000), 400u);
  EXPECT_EQ(map.src_of_site(1), 200u);
}

// The map stores differences in blocks: marks across many blocks, with long and short code
// stretches, equal offsets at block edges and source bytes that go back and far, read back as the
// plain list of marks says.
TEST(AccessMap, ReadsBackEveryMarkAcrossBlocksAndLargeDifferences) {
  std::mt19937 random(7);
  std::vector<std::pair<uint32_t, uint32_t>> marks;  // code offset, source byte
  AccessMap map;
  uint32_t offset = 5;
  for (uint32_t site = 0; site < 1000; ++site) {
    const uint32_t kind = random() % 12;
    offset += kind < 3 ? 0 : kind < 5 ? random() % 100000 : random() % 9;
    const uint32_t src = random() % 5 == 0 ? random() % (uint32_t{1} << 28) : site * 2;
    EXPECT_EQ(map.mark(offset, src), site);
    marks.emplace_back(offset, src);
  }
  ASSERT_EQ(map.size(), marks.size());
  for (uint32_t site = 0; site < marks.size(); ++site) {
    EXPECT_EQ(map.src_of_site(site), marks[site].second) << "site " << site;
  }
  const auto expected_at = [&](uint32_t code) -> std::optional<uint32_t> {
    std::optional<uint32_t> src;
    for (const auto& [at, mark_src] : marks) {
      if (at <= code) src = mark_src;
    }
    return src;
  };
  EXPECT_FALSE(map.src_at(4).has_value());
  for (const auto& [at, src] : marks) {
    for (const uint32_t code : {at - 1, at, at + 1}) {
      EXPECT_EQ(map.src_at(code), expected_at(code)) << "code offset " << code;
    }
  }
}

TEST(KnownCells, ChecksOnlyAccessesTheGuardsMightMiss) {
  const int64_t guard = static_cast<int64_t>(Tape::guard_bytes());
  KnownCells known(guard);
  EXPECT_FALSE(known.needs_check(kMaxOffset));
  EXPECT_FALSE(known.needs_check(-kMaxOffset));
  known.move(static_cast<int32_t>(guard));
  EXPECT_FALSE(known.needs_check(0)) << "exactly the guard size away is still caught";
  EXPECT_TRUE(known.needs_check(1));
  EXPECT_FALSE(known.needs_check(-5));
  known.accessed(1);  // a checked access succeeded: p + 1 is in the tape now
  EXPECT_FALSE(known.needs_check(kMaxOffset));
  known.move(-static_cast<int32_t>(guard));  // back: known are p .. p + 1 + guard
  EXPECT_FALSE(known.needs_check(-kMaxOffset));
  EXPECT_FALSE(known.needs_check(static_cast<int32_t>(2 * guard + 1)));
  EXPECT_TRUE(known.needs_check(static_cast<int32_t>(2 * guard + 2)));
  EXPECT_TRUE(known.needs_check(static_cast<int32_t>(-guard - 1)));
}

TEST(KnownCells, EverythingBetweenTwoKnownCellsIsKnown) {
  KnownCells known(static_cast<int64_t>(Tape::guard_bytes()));
  EXPECT_TRUE(known.covers(0));
  EXPECT_FALSE(known.covers(1));
  known.accessed(5);
  known.accessed(-2);
  for (int32_t offset = -2; offset <= 5; ++offset) EXPECT_TRUE(known.covers(offset)) << offset;
  EXPECT_FALSE(known.covers(6));
  EXPECT_FALSE(known.covers(-3));
  known.move(3);
  EXPECT_TRUE(known.covers(-5));
  EXPECT_TRUE(known.covers(2));
  EXPECT_FALSE(known.covers(3));
  known.reset();
  EXPECT_TRUE(known.covers(0));
  EXPECT_FALSE(known.covers(-1));
  EXPECT_FALSE(known.covers(1));
}

}  // namespace
}  // namespace bf::jit
