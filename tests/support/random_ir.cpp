// The random IR generator of random_ir.h: pieces drawn by weight, loops nested to a depth, and
// the special shapes the JITs compile differently (fixed nests, walking loops, known values).
#include "tests/support/random_ir.h"

#include <cstdlib>
#include <optional>
#include <stdexcept>
#include <utility>

#include "core/runtime/tape.h"
#include "tests/support/ir_builder.h"
#include "tests/support/random_draws.h"

namespace bf::testing {

namespace {

// A piece's net pointer move, when the generator can know it (scans and moving loops: not).
using NetMove = std::optional<int64_t>;

NetMove operator+(NetMove a, NetMove b) {
  if (!a || !b) return std::nullopt;
  return *a + *b;
}

class Generator {
 public:
  Generator(uint64_t seed, const RandomIrOptions& options) : draw_(seed), options_(options) {}

  RandomIr make() {
    for (const RandomIrOptions::StartMove& start : options_.start_moves) {
      if (!draw_.chance(start.percent)) continue;
      const int32_t distance = draw_.between(start.low, start.high);
      if (distance != 0) emit(OpKind::kMove, distance);
    }
    block(0, draw_.between(options_.min_pieces, options_.max_pieces));
    RandomIr result;
    result.program = ir::numbered_program(std::move(ops_));
    for (int n = draw_.below(options_.max_input + 1); n > 0; --n) {
      result.input.push_back(static_cast<char>(draw_.below(256)));
    }
    const EofPolicy eofs[] = {EofPolicy::kKeep, EofPolicy::kZero, EofPolicy::kMax};
    result.eof = eofs[draw_.below(3)];
    result.tape_cells = options_.tape_cells.at(
        static_cast<size_t>(draw_.below(static_cast<int>(options_.tape_cells.size()))));
    return result;
  }

 private:
  enum class Piece {
    kAdd, kSet, kMove, kOut, kIn, kLoop, kScan, kMultiply,
    kAddThenLoop, kFixedNest, kWalkLoop, kKnownValues, kDeadWrites,
  };

  Piece pick() {
    const RandomIrOptions::Mix& mix = options_.mix;
    const std::pair<int, Piece> weights[] = {
        {mix.add, Piece::kAdd},           {mix.set, Piece::kSet},
        {mix.move, Piece::kMove},         {mix.out, Piece::kOut},
        {mix.in, Piece::kIn},             {mix.loop, Piece::kLoop},
        {mix.scan, Piece::kScan},         {mix.multiply, Piece::kMultiply},
        {mix.add_then_loop, Piece::kAddThenLoop}, {mix.fixed_nest, Piece::kFixedNest},
        {mix.walk_loop, Piece::kWalkLoop}, {mix.known_values, Piece::kKnownValues},
        {mix.dead_writes, Piece::kDeadWrites},
    };
    int total = 0;
    for (const auto& [weight, piece] : weights) total += weight;
    if (total <= 0) throw std::invalid_argument("RandomIrOptions::mix has no weight");
    int roll = draw_.below(total);
    for (const auto& [weight, piece] : weights) {
      if (roll < weight) return piece;
      roll -= weight;
    }
    return Piece::kAdd;  // not reached
  }

  NetMove block(int depth, int pieces) {
    NetMove net = 0;
    for (int i = 0; i < pieces; ++i) net = net + piece(depth);
    return net;
  }

  NetMove piece(int depth) {
    switch (pick()) {
      case Piece::kAdd: emit(OpKind::kAdd, add_amount(), offset()); return 0;
      case Piece::kSet: emit(OpKind::kSet, set_value(), offset()); return 0;
      case Piece::kMove: return move();
      case Piece::kOut: emit(OpKind::kOut, 0, offset()); return 0;
      case Piece::kIn: emit(OpKind::kIn, 0, offset()); return 0;
      case Piece::kLoop: return loop(depth);
      case Piece::kScan:
        if (draw_.chance(25)) {
          // A seek: for a value set just ahead now and then, else for one that may never come.
          const int32_t stride = scan_stride();
          const int32_t value = draw_.chance(50) ? 255 : draw_.between(1, 255);
          const int64_t ahead = int64_t{stride} * draw_.between(1, 6);
          if (std::abs(ahead) <= kMaxOffset && draw_.chance(50)) {
            emit(OpKind::kSet, value, static_cast<int32_t>(ahead));
          }
          emit(OpKind::kSeek, stride, 0, value);
        } else {
          emit(OpKind::kScan, scan_stride());
        }
        return std::nullopt;
      case Piece::kMultiply: multiply_group(); return 0;
      case Piece::kAddThenLoop:
        emit(OpKind::kAdd, draw_.between(-3, 3), 0);
        return depth < options_.max_depth ? loop(depth) : 0;
      case Piece::kFixedNest: fixed_nest(0); return 0;
      case Piece::kWalkLoop: walk_loop(); return std::nullopt;
      case Piece::kKnownValues: return known_values();
      case Piece::kDeadWrites: dead_writes(); return 0;
    }
    return 0;  // not reached
  }

  int32_t offset() {
    if (draw_.chance(options_.far_offset_percent)) return far();
    if (draw_.chance(options_.wide_offset_percent)) {
      return draw_.between(-options_.wide_offset, options_.wide_offset);
    }
    return draw_.between(-options_.near_offset, options_.near_offset);
  }
  int32_t far() {
    const int32_t distance = options_.far_offset - draw_.between(0, 3);
    return draw_.chance(50) ? distance : -distance;
  }
  int32_t add_amount() {
    const int32_t amount = draw_.between(-options_.add_range, options_.add_range);
    return options_.odd_adds ? amount | 1 : amount;
  }
  int32_t set_value() {
    if (draw_.chance(options_.small_set_percent)) return draw_.between(0, 3);
    return draw_.between(options_.set_low, options_.set_high);
  }
  int32_t scan_stride() {
    const auto& ranges = options_.scan_strides;
    const RandomIrOptions::Range range =
        ranges.at(static_cast<size_t>(draw_.below(static_cast<int>(ranges.size()))));
    return nonzero_between(range.low, range.high);
  }
  int32_t nonzero_between(int32_t low, int32_t high) {
    int32_t value = 0;
    while (value == 0) value = draw_.between(low, high);
    return value;
  }

  NetMove move() {
    if (draw_.chance(options_.guard_trip_percent)) {
      // Beyond the guard and (usually) back: only explicit checks can catch what lies between.
      const int32_t beyond = static_cast<int32_t>(Tape::guard_bytes()) + draw_.between(-20, 5000);
      const int32_t there = draw_.chance(50) ? beyond : -beyond;
      emit(OpKind::kMove, there);
      if (draw_.chance(30)) emit(OpKind::kAdd, 1, offset());
      if (!draw_.chance(85)) return there;
      const int32_t back = -there + draw_.between(-3, 3);
      if (back != 0) emit(OpKind::kMove, back);
      return int64_t{there} + back;
    }
    int32_t distance = 0;
    if (draw_.chance(options_.far_move_percent)) {
      distance = far();
    } else if (draw_.chance(options_.wide_move_percent)) {
      distance = draw_.nonzero(options_.wide_move);
    } else {
      distance = draw_.nonzero(options_.near_move);
    }
    emit(OpKind::kMove, distance);
    return distance;
  }

  NetMove loop(int depth) {
    if (depth >= options_.max_depth) {
      emit(OpKind::kAdd, -1, 0);
      return 0;
    }
    emit(OpKind::kLoopBegin, 0);
    if (draw_.chance(options_.counter_first_percent)) {
      emit(OpKind::kAdd, draw_.chance(80) ? -1 : add_amount(), 0);
    }
    NetMove body = block(depth + 1, draw_.between(1, options_.max_body_pieces));
    if (draw_.chance(options_.fixed_loop_percent)) {
      if (body && *body != 0) emit(OpKind::kMove, static_cast<int32_t>(-*body));
      if (body) body = 0;
    } else if (draw_.chance(options_.end_move_percent)) {
      const int32_t distance = draw_.nonzero(options_.end_move);
      emit(OpKind::kMove, distance);
      body = body + NetMove(distance);
    }
    if (draw_.chance(options_.counter_last_percent)) emit(OpKind::kAdd, -1, 0);
    emit(OpKind::kLoopEnd, 0);
    // A loop whose body moves p ends wherever a zero is.
    return body == NetMove(0) ? body : NetMove();
  }

  void multiply_group() {
    const int32_t from = draw_.chance(options_.counter_at_p_percent)
                             ? 0
                             : draw_.between(-options_.counter_offset, options_.counter_offset);
    for (int n = draw_.between(1, options_.max_targets); n > 0; --n) {
      int32_t target = offset();
      if (target == from) target = from + 1;
      if (draw_.chance(15)) {
        // A product: its second factor anywhere but the target.
        int32_t second = offset();
        if (second == target) second = target > 0 ? target - 1 : target + 1;
        emit(OpKind::kProduct, product_arg(second, factor()), target, from);
      } else {
        emit(OpKind::kMulAdd, factor(), target, from);
      }
    }
    if (draw_.chance(options_.clear_percent)) emit(OpKind::kSet, 0, from);
  }
  int32_t factor() {
    if (draw_.chance(options_.unit_factor_percent)) return draw_.chance(50) ? 1 : -1;
    if (draw_.chance(options_.big_factor_percent)) return draw_.between(-300, 300);
    return draw_.between(-options_.small_factor, options_.small_factor);
  }

  // A nest of loops that never move p (the JITs keep such cells in registers): counters at p,
  // adds, sets and multiplies at small offsets, sometimes one far enough to leave the tape.
  void fixed_nest(int depth) {
    emit(OpKind::kLoopBegin, 0);
    emit(OpKind::kAdd, -1, 0);
    for (int n = draw_.below(4); n > 0; --n) {
      switch (draw_.below(4)) {
        case 0:
          emit(OpKind::kAdd, draw_.between(-3, 3),
               draw_.chance(90) ? draw_.between(-6, 6) : offset());
          break;
        case 1: emit(OpKind::kSet, draw_.between(0, 5), nonzero_between(-6, 6)); break;
        case 2: {
          const int32_t from = draw_.chance(50) ? 0 : nonzero_between(-6, 6);
          int32_t target = draw_.chance(90) ? draw_.between(-6, 6) : offset();
          if (target == from) target = from + 1;
          emit(OpKind::kMulAdd, draw_.between(-3, 3), target, from);
          break;
        }
        default:
          if (depth < options_.max_depth) fixed_nest(depth + 1);
          break;
      }
    }
    emit(OpKind::kLoopEnd, 0);
  }

  // A loop that walks p by a stride, its body leaving a cell for the next iteration: the counter
  // it clears is the next iteration's target (the JITs peel such a loop's first iteration and
  // then know that target holds zero), sometimes with a set or add beside it.
  void walk_loop() {
    const int32_t stride = nonzero_between(-12, 12);
    const int32_t from = draw_.between(-3, 3);
    emit(OpKind::kLoopBegin, 0);
    if (draw_.chance(30)) emit(OpKind::kSet, draw_.between(0, 3), draw_.between(-6, 6));
    emit(OpKind::kMulAdd, draw_.chance(70) ? 1 : draw_.between(-300, 300), from - stride, from);
    if (draw_.chance(30)) {
      int32_t target = draw_.between(-12, 12);
      if (target == from) target = from + 1;
      emit(OpKind::kMulAdd, draw_.between(-3, 3), target, from);
    }
    if (draw_.chance(85)) emit(OpKind::kSet, 0, from);
    if (draw_.chance(30)) emit(OpKind::kAdd, draw_.between(-3, 3), draw_.between(-6, 6));
    emit(OpKind::kMove, stride);
    emit(OpKind::kLoopEnd, 0);
  }

  // Ops whose cells' values the JITs know while compiling: a set then an add to it, a multiply
  // from or into a cell just set, a loop or scan on a cell just set.
  NetMove known_values() {
    const int32_t cell = draw_.between(-4, 4);
    const int32_t other = cell == 0 ? 1 : 0;
    if (draw_.chance(40)) {
      // An add, then a multiply from or onto the same cell, then its test or output: the JITs
      // keep such a cell in a register, writing it through.
      emit(OpKind::kAdd, draw_.between(-3, 3), cell);
      if (draw_.chance(50)) {
        emit(OpKind::kMulAdd, draw_.between(-3, 3), cell, other);
      } else {
        emit(OpKind::kMulAdd, draw_.between(-3, 3), other, cell);
      }
      emit(OpKind::kAdd, draw_.between(-3, 3), cell);
      emit(OpKind::kOut, 0, cell);
      return 0;
    }
    emit(OpKind::kSet, draw_.between(0, 3), cell);
    switch (draw_.below(4)) {
      case 0: emit(OpKind::kAdd, draw_.between(-3, 3), cell); return 0;
      case 1: emit(OpKind::kMulAdd, draw_.between(-3, 3), other, cell); return 0;
      case 2: emit(OpKind::kMulAdd, draw_.between(-3, 3), cell, other); return 0;
      default:
        emit(OpKind::kSet, draw_.between(0, 1), 0);
        if (draw_.chance(50)) {
          emit(OpKind::kScan, nonzero_between(-3, 3));
          return std::nullopt;
        }
        emit(OpKind::kLoopBegin, 0);
        emit(OpKind::kAdd, -1, 0);
        emit(OpKind::kLoopEnd, 0);
        return 0;
    }
  }

  // A run whose first writes later ones overwrite -- an add to a cell, a multiply of it into
  // another, then sets of both -- near p: the JITs run its net form behind a range check, or its
  // plain copy near a tape end, where whether the multiply's target traps depends on the counter.
  void dead_writes() {
    const int32_t cell = draw_.between(-6, 6);
    int32_t target = draw_.between(-6, 6);
    if (target == cell) target = cell + 1;
    if (draw_.chance(30)) emit(OpKind::kMulAdd, draw_.between(-3, 3), cell - 1, cell + 1);  // kept
    emit(OpKind::kAdd, draw_.between(-3, 3), cell);
    emit(OpKind::kMulAdd, draw_.between(-5, 5), target, cell);
    if (draw_.chance(40)) emit(OpKind::kAdd, draw_.between(-3, 3), target);
    emit(OpKind::kSet, draw_.between(0, 3), cell);
    if (draw_.chance(70)) emit(OpKind::kSet, draw_.between(0, 3), target);
  }

  void emit(OpKind kind, int32_t arg, int32_t offset = 0, int32_t from = 0) {
    ops_.push_back(Op{.kind = kind, .arg = arg, .offset = offset, .from = from});
  }

  RandomDraws draw_;
  const RandomIrOptions& options_;
  std::vector<Op> ops_;
};

}  // namespace

RandomIr random_ir(uint64_t seed, const RandomIrOptions& options) {
  return Generator(seed, options).make();
}

}  // namespace bf::testing
