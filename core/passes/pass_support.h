// Helpers the passes share: cell arithmetic mod 256 and which cells an op is sure to access.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <vector>

#include "core/cell_interval.h"
#include "core/op.h"
#include "core/program.h"

namespace bf::passes {

// An amount mod 256 as -128..127: how folded kAdd and kMulAdd args are stored, so that `-` runs
// print as negative numbers.
constexpr int32_t wrap_signed(int64_t value) {
  const int64_t byte = ((value % 256) + 256) % 256;
  return static_cast<int32_t>(byte >= 128 ? byte - 256 : byte);
}

// A cell value mod 256 as 0..255: how kSet args are stored.
constexpr int32_t wrap_unsigned(int64_t value) {
  return static_cast<int32_t>(((value % 256) + 256) % 256);
}

// A counted loop whose counter cell changes by `step` per iteration and starts at c runs n times,
// where c + n*step = 0 mod 256. For an odd step that n is unique below 256 and equals
// c * trip_factor(step) mod 256 (the inverse of -step mod 256); an even step has no such factor
// (with an odd c the loop never ends), so it returns nothing. Since (c*k mod 256)*a = c*(k*a)
// mod 256, a cell that gains `a` per iteration ends up += c * (k*a): one kMulAdd factor.
std::optional<int32_t> trip_factor(int64_t step);

// True when executing `op` certainly reads or writes cell[p+offset] (p as the op starts, except
// for kScan and kSeek, whose last test is of cell[p] where they stop). A kMulAdd's target counts
// only when its counter is non-zero, so it is not certain (a kProduct's second factor and target
// likewise). A later access of such a cell cannot fall off the tape, which is what lets a pass
// drop it.
bool certainly_accesses(const Op& op, int32_t offset);

// What dead-loops and known-cells may rely on about a cell's value without following its writes,
// decided here once so that the two passes agree on which cells are known to be 0:
//  - at program start p = 0, every cell holds kStartValue and cell[0] is on the tape;
//  - right after a loop end, a scan or a seek, cell[p] holds value_tested_last(op) and is on the
//    tape: the op ended only because its test of that cell found that value (p may have moved by
//    a distance no pass knows).
inline constexpr int32_t kStartValue = 0;
// The value of cell[p] that ends `op` (a loop end or a scan: 0; a seek: its `from`, never 0), or
// nothing for an op that does not end on a test.
std::optional<int32_t> value_tested_last(const Op& op);

// Per kLoopBegin, whether its loop leaves p where it found it after every iteration: no scan, its
// moves sum to 0 and so do those of every loop inside. Cells on the tape before such a loop stay
// known inside it and after it (net-writes, affine-loops).
std::vector<bool> loops_keeping_p(const Program& program);

// The cells certainly on the tape across loops, for a pass walking the ops in order: a loop that
// keeps p (loops_keeping_p) starts its body, and leaves after it, with what held at its '['; any
// other knows only cell[p] there. (Accesses and moves in between update the interval as usual.)
class TapeAcrossLoops {
 public:
  explicit TapeAcrossLoops(const Program& program) : keeps_p_(loops_keeping_p(program)) {}

  // At the loop opening at ops[begin], after its test read cell[p].
  void loop_begin(size_t begin, CellInterval& tape) {
    tape.add(0);
    if (keeps_p_[begin]) {
      before_loop_.emplace_back(tape);
    } else {
      before_loop_.emplace_back(std::nullopt);
      tape = CellInterval::only(0);
    }
  }
  // At its end: what held at its '[' (the body may not have run), or only cell[p].
  void loop_end(CellInterval& tape) {
    tape = before_loop_.back() ? *before_loop_.back() : CellInterval::only(0);
    before_loop_.pop_back();
  }

 private:
  std::vector<bool> keeps_p_;
  std::vector<std::optional<CellInterval>> before_loop_;
};

// True when `value` fits an op's offset field (see kMaxOffset in core/program.h).
bool offset_fits(int64_t value);

// Gives the whole pages of `ops`'s storage beyond its size back to the system. The vector keeps
// its capacity (a later push_back gets zero-filled pages), but a program that a pass shrank no
// longer holds the memory of its longer form while the next pass copies it.
void release_unused_capacity(std::vector<Op>& ops);

// The output of a pass that rewrites its program in place, written over the input from the front,
// so a pass holds one program and not two (docs/memory-and-startup.md). The pass reads ops front to
// back and writes no more ops than it has read (it shrinks or keeps the program), so a write lands
// on an op already read: a pass copies whatever it still needs of that op first. The ops written
// so far can be read and changed again (a later op merged into an earlier one).
class InPlaceOutput {
 public:
  explicit InPlaceOutput(std::vector<Op>& ops) : ops_(ops) {}

  void push_back(const Op& op) {
    if (size_ == ops_.size()) {
      throw std::logic_error("an in-place pass wrote more ops than it read");
    }
    ops_[size_++] = op;
  }
  size_t size() const { return size_; }
  Op& operator[](size_t i) { return ops_[i]; }
  // Keeps only the first `size` ops written.
  void truncate(size_t size) { size_ = std::min(size_, size); }
  // Drops the ops beyond what was written and releases their pages (release_unused_capacity).
  void finish() {
    ops_.resize(size_);
    release_unused_capacity(ops_);
  }

 private:
  std::vector<Op>& ops_;
  size_t size_ = 0;
};

}  // namespace bf::passes
