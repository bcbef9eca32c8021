#include "tests/jit/random_ir.h"

#include <random>
#include <vector>

#include "core/runtime/tape.h"

namespace bf::testing {

namespace {

class Generator {
 public:
  explicit Generator(uint64_t seed) : rng_(seed) {}

  RandomIr make() {
    RandomIr result;
    result.tape_cells = chance(80) ? 4096 : chance(50) ? 8192 : kDefaultTapeCells;
    start_ = static_cast<int32_t>(below(64));
    if (start_ > 0) emit(OpKind::kMove, start_);
    block(0, 4 + static_cast<int>(below(20)));
    result.program.ops = std::move(ops_);
    link_loops(result.program);
    for (uint64_t n = below(8); n > 0; --n) result.input.push_back(static_cast<char>(below(256)));
    const uint64_t eof = below(3);
    result.eof = eof == 0 ? EofPolicy::kKeep : eof == 1 ? EofPolicy::kZero : EofPolicy::kMax;
    return result;
  }

 private:
  uint64_t below(uint64_t n) { return rng_() % n; }
  bool chance(int percent) { return below(100) < static_cast<uint64_t>(percent); }
  int32_t between(int32_t lo, int32_t hi) {
    return lo + static_cast<int32_t>(below(static_cast<uint64_t>(hi - lo) + 1));
  }

  // Mostly near p; sometimes as far as an op may reach.
  int32_t offset() {
    if (chance(4)) return chance(50) ? kMaxOffset - between(0, 3) : -kMaxOffset + between(0, 3);
    if (chance(10)) return between(-300, 300);
    return between(-6, 6);
  }
  int32_t nonzero(int32_t lo, int32_t hi) {
    int32_t value = 0;
    while (value == 0) value = between(lo, hi);
    return value;
  }

  void emit(OpKind kind, int32_t arg, int32_t offset = 0, int32_t from = 0) {
    const auto src = static_cast<uint32_t>(ops_.size() * 3 + 1);
    ops_.push_back(Op{kind, arg, offset, from, src, src + 1});
  }

  void block(int depth, int length) {
    for (int i = 0; i < length; ++i) piece(depth);
  }

  void piece(int depth) {
    switch (below(14)) {
      case 0: case 1:
        emit(OpKind::kAdd, between(-300, 300), offset());
        break;
      case 2:
        emit(OpKind::kSet, between(-10, 300), offset());
        break;
      case 3:
        far_or_near_move();
        break;
      case 4:
        emit(chance(70) ? OpKind::kOut : OpKind::kIn, 0, offset());
        break;
      case 5: case 6:
        if (depth < 3) loop(depth); else emit(OpKind::kAdd, -1, 0);
        break;
      case 7:
        emit(OpKind::kScan, scan_stride());
        break;
      case 8: case 9:
        mul_add_group();
        break;
      case 10:
        // An add at offset 0 right before a loop test (the JITs reuse its flags).
        emit(OpKind::kAdd, between(-3, 3), 0);
        if (depth < 3) loop(depth);
        break;
      case 11:
        if (chance(50)) {
          fixed_nest(0);
        } else {
          emit(OpKind::kMove, nonzero(-4, 4));
        }
        break;
      case 12:
        if (chance(60)) {
          walk_loop();
        } else {
          known_values();
        }
        break;
      default:
        emit(OpKind::kMove, nonzero(-4, 4));
        break;
    }
  }

  void far_or_near_move() {
    if (chance(8)) {
      // Beyond the guard and (usually) back: only explicit checks can catch what lies between.
      const int32_t far = static_cast<int32_t>(Tape::guard_bytes()) + between(-20, 5000);
      const int32_t there = chance(50) ? far : -far;
      emit(OpKind::kMove, there);
      if (chance(30)) emit(OpKind::kAdd, 1, offset());
      if (chance(85)) emit(OpKind::kMove, -there + between(-3, 3));
      return;
    }
    emit(OpKind::kMove, nonzero(-20, 20));
  }

  int32_t scan_stride() {
    switch (below(5)) {
      case 0: return 1;
      case 1: return -1;
      case 2: return nonzero(-9, 9);
      case 3: return nonzero(-3000, 3000);
      default: return chance(50) ? static_cast<int32_t>(Tape::guard_bytes()) + 7 : -5000;
    }
  }

  void mul_add_group() {
    const int32_t from = chance(60) ? 0 : between(-5, 5);
    for (uint64_t n = 1 + below(4); n > 0; --n) {
      int32_t target = offset();
      if (target == from) target = from + 1;
      const int32_t factor = chance(30) ? (chance(50) ? 1 : -1) : between(-300, 300);
      emit(OpKind::kMulAdd, factor, target, from);
    }
    if (chance(70)) emit(OpKind::kSet, 0, from);
  }

  // A nest of loops that never move p (the JITs keep such cells in registers): counters at p,
  // adds, sets and multiplies at small offsets, sometimes one far enough to leave the tape.
  void fixed_nest(int depth) {
    emit(OpKind::kLoopBegin, 0);
    emit(OpKind::kAdd, -1, 0);
    for (uint64_t n = below(4); n > 0; --n) {
      switch (below(4)) {
        case 0: emit(OpKind::kAdd, between(-3, 3), chance(90) ? between(-6, 6) : offset()); break;
        case 1: emit(OpKind::kSet, between(0, 5), nonzero(-6, 6)); break;
        case 2: {
          const int32_t from = chance(50) ? 0 : nonzero(-6, 6);
          int32_t target = chance(90) ? between(-6, 6) : offset();
          if (target == from) target = from + 1;
          emit(OpKind::kMulAdd, between(-3, 3), target, from);
          break;
        }
        default:
          if (depth < 3) fixed_nest(depth + 1);
          break;
      }
    }
    emit(OpKind::kLoopEnd, 0);
  }

  // A loop that walks p by a stride, its body leaving a cell for the next iteration: the counter
  // it clears is the next iteration's target (the JITs peel such a loop's first iteration and
  // then know that target holds zero), sometimes with a set or add beside it.
  void walk_loop() {
    const int32_t stride = nonzero(-12, 12);
    const int32_t from = between(-3, 3);
    emit(OpKind::kLoopBegin, 0);
    if (chance(30)) emit(OpKind::kSet, between(0, 3), between(-6, 6));
    emit(OpKind::kMulAdd, chance(70) ? 1 : between(-300, 300), from - stride, from);
    if (chance(30)) {
      int32_t target = between(-12, 12);
      if (target == from) target = from + 1;
      emit(OpKind::kMulAdd, between(-3, 3), target, from);
    }
    if (chance(85)) emit(OpKind::kSet, 0, from);
    if (chance(30)) emit(OpKind::kAdd, between(-3, 3), between(-6, 6));
    emit(OpKind::kMove, stride);
    emit(OpKind::kLoopEnd, 0);
  }

  // Ops whose cells' values the JITs know while compiling: a set then an add to it, a multiply
  // from or into a cell just set, a loop or scan on a cell just set.
  void known_values() {
    const int32_t cell = between(-4, 4);
    if (chance(40)) {
      // An add, then a multiply from or onto the same cell, then its test or output: the JITs
      // keep such a cell in a register, writing it through.
      const int32_t other = cell == 0 ? 1 : 0;
      emit(OpKind::kAdd, between(-3, 3), cell);
      if (chance(50)) {
        emit(OpKind::kMulAdd, between(-3, 3), cell, other);
      } else {
        emit(OpKind::kMulAdd, between(-3, 3), other, cell);
      }
      emit(OpKind::kAdd, between(-3, 3), cell);
      emit(OpKind::kOut, 0, cell);
      return;
    }
    emit(OpKind::kSet, between(0, 3), cell);
    switch (below(4)) {
      case 0: emit(OpKind::kAdd, between(-3, 3), cell); break;
      case 1: emit(OpKind::kMulAdd, between(-3, 3), cell == 0 ? 1 : 0, cell); break;
      case 2: emit(OpKind::kMulAdd, between(-3, 3), cell, cell == 0 ? 1 : 0); break;
      default:
        emit(OpKind::kSet, between(0, 1), 0);
        if (chance(50)) {
          emit(OpKind::kScan, nonzero(-3, 3));
        } else {
          emit(OpKind::kLoopBegin, 0);
          emit(OpKind::kAdd, -1, 0);
          emit(OpKind::kLoopEnd, 0);
        }
        break;
    }
  }

  void loop(int depth) {
    emit(OpKind::kLoopBegin, 0);
    block(depth + 1, 1 + static_cast<int>(below(6)));
    if (chance(60)) emit(OpKind::kAdd, -1, 0);  // a counter, so that many loops end
    emit(OpKind::kLoopEnd, 0);
  }

  std::mt19937_64 rng_;
  std::vector<Op> ops_;
  int32_t start_ = 0;
};

}  // namespace

RandomIr random_ir(uint64_t seed) { return Generator(seed).make(); }

}  // namespace bf::testing
