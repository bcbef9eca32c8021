#include "tests/cc/random_ir.h"

#include <random>
#include <vector>

#include "tests/cc/cc_test_support.h"

namespace bf::testing {

namespace {

class Generator {
 public:
  explicit Generator(uint64_t seed) : rng_(seed) {}

  Program generate() {
    // Sometimes start next to the right end of a one-page tape, so both ends get reached.
    if (chance(30)) emit(op(OpKind::kMove, 4096 - 1 - below(40)));
    block(0, 6 + below(10));
    return finish_program(std::move(ops_));
  }

 private:
  // Ops at one nesting level; returns the net pointer move they make.
  int64_t block(int depth, int items) {
    int64_t moved = 0;
    for (int i = 0; i < items; ++i) {
      const int pick = below(100);
      if (pick < 18) {
        emit(op(OpKind::kAdd, between(-3, 3) | 1, offset()));
      } else if (pick < 28) {
        emit(op(OpKind::kSet, chance(50) ? below(4) : below(256), offset()));
      } else if (pick < 36) {
        emit(op(OpKind::kOut, 0, offset()));
      } else if (pick < 39) {
        emit(op(OpKind::kIn, 0, offset()));
      } else if (pick < 50) {
        const int32_t from = offset();
        int32_t target = chance(20) ? between(-60, 60) : offset();
        if (target == from) target = from + 1;
        emit(op(OpKind::kMulAdd, between(-3, 3), target, from));
      } else if (pick < 64) {
        const int32_t step = chance(5) ? between(-300, 300) : between(-4, 4);
        if (step != 0) {
          emit(op(OpKind::kMove, step));
          moved += step;
        }
      } else if (pick < 70) {
        int32_t stride = between(-3, 3);
        if (stride == 0) stride = 1;
        emit(op(OpKind::kScan, stride));
        moved += 1000;  // unknown: whatever encloses it moves
      } else if (depth < 3) {
        loop(depth, pick < 88);
      }
    }
    return moved;
  }

  // A fixed loop (its moves cancel) counting its cell down, or a moving loop.
  void loop(int depth, bool fixed) {
    emit(op(OpKind::kLoopBegin));
    if (chance(70)) emit(op(OpKind::kAdd, chance(80) ? -1 : between(-3, 3) | 1));
    const int64_t moved = block(depth + 1, 1 + below(5));
    if (fixed && moved < 1000 && moved != 0) {
      emit(op(OpKind::kMove, static_cast<int32_t>(-moved)));
    } else if (!fixed && chance(80)) {
      emit(op(OpKind::kMove, chance(50) ? between(1, 4) : between(-4, -1)));
    }
    emit(op(OpKind::kLoopEnd));
  }

  int32_t offset() { return chance(85) ? between(-4, 4) : between(-40, 40); }

  void emit(const Op& o) { ops_.push_back(o); }
  int below(int n) { return static_cast<int>(rng_() % static_cast<uint64_t>(n)); }
  int between(int lo, int hi) { return lo + below(hi - lo + 1); }
  bool chance(int percent) { return below(100) < percent; }

  std::mt19937_64 rng_;
  std::vector<Op> ops_;
};

}  // namespace

Program random_ir(uint64_t seed) { return Generator(seed).generate(); }

}  // namespace bf::testing
