// The random IR generator: ops drawn by weight, loops nested to a depth, multiply groups shaped
// the way the optimizer emits them (MulAdds of one counter, often followed by its clear).
#include "tests/threaded/random_ir.h"

#include <stdexcept>

namespace bf::testing {

namespace {

class Generator {
 public:
  Generator(std::mt19937_64& rng, const RandomIrOptions& options) : rng_(rng), options_(options) {}

  Program run() {
    if (chance(30)) emit({.kind = OpKind::kMove, .arg = pick(1, 8)});
    if (chance(20)) emit({.kind = OpKind::kMove, .arg = options_.far_offset / 2});
    block(0, options_.ops);
    link_loops(program_);
    for (size_t i = 0; i < program_.ops.size(); ++i) {
      program_.ops[i].src = static_cast<uint32_t>(i);
      program_.ops[i].src2 = static_cast<uint32_t>(100000 + i);
    }
    if (const std::string problem = verify(program_); !problem.empty()) {
      throw std::logic_error("random_ir made a malformed program: " + problem);
    }
    return std::move(program_);
  }

 private:
  void block(int depth, int budget) {
    const size_t stop = program_.ops.size() + static_cast<size_t>(budget);
    while (program_.ops.size() < stop) {
      const int roll = pick(0, 99);
      if (roll < 14 && depth < options_.max_depth) {
        emit({.kind = OpKind::kLoopBegin});
        block(depth + 1, pick(1, budget / 2 + 1));
        if (chance(50)) emit({.kind = OpKind::kMove, .arg = nonzero(2)});
        emit({.kind = OpKind::kLoopEnd});
      } else if (roll < 36) {
        emit({.kind = OpKind::kAdd, .arg = pick(-3, 3), .offset = offset()});
      } else if (roll < 46) {
        emit({.kind = OpKind::kSet, .arg = pick(0, 3) == 0 ? 0 : pick(-300, 300),
              .offset = offset()});
      } else if (roll < 60) {
        emit({.kind = OpKind::kMove, .arg = chance(5) ? far() : nonzero(3)});
      } else if (roll < 66) {
        emit({.kind = OpKind::kOut, .offset = offset()});
      } else if (roll < 70) {
        emit({.kind = OpKind::kIn, .offset = offset()});
      } else if (roll < 80) {
        const int32_t strides[] = {1, -1, 1, -1, 2, -2, 3, -4};
        emit({.kind = OpKind::kScan, .arg = strides[pick(0, 7)]});
      } else {
        multiply_group();
      }
    }
  }

  // MulAdds reading one counter, then (usually) the counter's clear.
  void multiply_group() {
    const int32_t from = chance(60) ? 0 : pick(-3, 3);
    const int targets = pick(1, 4);
    for (int t = 0; t < targets; ++t) {
      int32_t target = offset();
      if (target == from) target = from + 1;
      emit({.kind = OpKind::kMulAdd, .arg = pick(0, 5) == 0 ? pick(-300, 300) : pick(-2, 2),
            .offset = target, .from = from});
    }
    if (chance(65)) emit({.kind = OpKind::kSet, .arg = 0, .offset = from});
  }

  int32_t offset() { return chance(4) ? far() : pick(-4, 4); }
  int32_t far() {
    const int32_t distance = options_.far_offset + pick(-3, 3);
    return chance(50) ? distance : -distance;
  }
  int32_t nonzero(int32_t limit) {
    const int32_t value = pick(1, limit);
    return chance(50) ? value : -value;
  }
  int32_t pick(int32_t low, int32_t high) {
    return std::uniform_int_distribution<int32_t>(low, high)(rng_);
  }
  bool chance(int percent) { return pick(0, 99) < percent; }
  void emit(const Op& op) { program_.ops.push_back(op); }

  std::mt19937_64& rng_;
  const RandomIrOptions& options_;
  Program program_;
};

}  // namespace

Program random_ir(std::mt19937_64& rng, const RandomIrOptions& options) {
  return Generator(rng, options).run();
}

}  // namespace bf::testing
