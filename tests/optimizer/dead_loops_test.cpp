// dead-loops on every op that ends on a tested cell, and its agreement with known-cells: the two
// passes share one rule for which cells are known 0 (core/passes/pass_support.h), and known-cells,
// which replaces dead-loops at O3, must remove every loop that dead-loops removes.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/ir_printer.h"
#include "core/parser.h"
#include "core/passes/dead_loops.h"
#include "core/passes/known_cells.h"
#include "core/passes/pipeline.h"
#include "tests/support/ir_builder.h"
#include "tests/support/random_program.h"

namespace bf::testing {
namespace {

using namespace ir;

Op seek(int32_t stride, int32_t value) {
  return Op{.kind = OpKind::kSeek, .arg = stride, .from = value};
}

// The loops that dead-loops removes from `ops`, as a dump of what is left.
std::string dead_loops_of(std::vector<Op> ops) {
  return print_ir(passes::dead_loops(program(std::move(ops))));
}

TEST(DeadLoops, RemovesALoopRightAfterAScanOrASetOfZeroButNotAfterASeek) {
  EXPECT_EQ(dead_loops_of({add(1), scan(1), begin(), out(), end()}),
            "0     add p[0] += 1                     @0\n"
            "1     scan p[0] != 0, p +1              @0 @0\n");
  EXPECT_EQ(dead_loops_of({add(1), set(0), begin(), out(), end()}),
            "0     add p[0] += 1                     @0\n"
            "1     set p[0] = 0                      @0\n");
  // A seek stops on its value, never 0; a set of 1 leaves 1.
  const std::string kept_after_seek = dead_loops_of({add(1), seek(1, 2), begin(), out(), end()});
  EXPECT_NE(kept_after_seek.find("loop while"), std::string::npos) << kept_after_seek;
  const std::string kept_after_set = dead_loops_of({set(1), begin(), out(), end()});
  EXPECT_NE(kept_after_set.find("loop while"), std::string::npos) << kept_after_set;
}

TEST(DeadLoops, AfterAScanOnlyTheCellItStoppedOnIsKnown) {
  // Before the scan p[1] was set to 0, but p has moved by an unknown distance since.
  const std::string dump = dead_loops_of({set(0, 1), add(1), scan(1), move(1), begin(), end()});
  EXPECT_NE(dump.find("loop while"), std::string::npos) << dump;
  EXPECT_EQ(dead_loops_of({add(1), scan(1), move(1), set(0), move(-1), begin(), end()})
                .find("loop while"),
            std::string::npos);
}

// The src of every loop left in `program`.
std::multiset<uint32_t> loops_left(const Program& program) {
  std::multiset<uint32_t> loops;
  for (const Op& op : program.ops) {
    if (op.kind == OpKind::kLoopBegin) loops.insert(op.src);
  }
  return loops;
}

TEST(DeadLoops, KnownCellsRemovesEveryLoopItRemoves) {
  int removed = 0;
  for (uint64_t seed = 0; seed < 300; ++seed) {
    Program program = parse(Source("random.b", random_program(seed).code));
    // O3's passes before known-cells make the scans, sets, seeks and muladds both passes see.
    for (const Pass& pass : passes_for_level(3)) {
      if (pass.name == "known-cells") break;
      program = pass.run(program);
    }
    const std::multiset<uint32_t> by_dead_loops = loops_left(passes::dead_loops(program));
    const std::multiset<uint32_t> by_known_cells = loops_left(passes::known_cells(program));
    for (const uint32_t src : by_known_cells) {
      EXPECT_TRUE(by_dead_loops.count(src))
          << "seed " << seed << ": the loop at byte " << src << " is dead to dead-loops only";
    }
    removed += static_cast<int>(loops_left(program).size() - by_dead_loops.size());
  }
  EXPECT_GT(removed, 100);  // the programs exercise the rule
}

}  // namespace
}  // namespace bf::testing
