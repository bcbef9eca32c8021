// net-writes (O3): runs of adds, sets and muladds on cells known to be on the tape become each
// cell's net change (see net_writes.h).
#include "core/passes/net_writes.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "core/cell_interval.h"
#include "core/passes/affine_value.h"
#include "core/passes/pass_support.h"

namespace bf::passes {

namespace {

constexpr size_t kMaxCells = kMaxAffineCells;

bool in_run(OpKind kind) {
  return kind == OpKind::kAdd || kind == OpKind::kSet || kind == OpKind::kMulAdd;
}

// A cell's value during a run, in terms of the values where the rewritten part starts (k
// indexing the run's cells).
using Value = AffineValue;

// The run's cells, in place: a vector would cost an allocation per run of every program.
class InlineCells {
 public:
  size_t size() const { return size_; }
  void push_back(int32_t offset) { cells_[size_++] = offset; }
  const int32_t* begin() const { return cells_.data(); }
  const int32_t* end() const { return cells_.data() + size_; }
  int32_t operator[](size_t k) const { return cells_[k]; }

 private:
  std::array<int32_t, kMaxCells> cells_{};
  size_t size_ = 0;
};

class RunRewriter {
 public:
  RunRewriter(std::span<const Op> run, CellInterval& tape) : run_(run), tape_(tape) {}

  // The whole run as net writes, as if every cell it touches were on the tape (net_form()).
  std::optional<std::vector<Op>> whole_run_net() {
    std::vector<Op> net;
    if (run_.size() < 2 || !collect_cells() || !net_ops(0, net)) return std::nullopt;
    return net;
  }

  // Appends the run, rewritten where that is safe and shorter, to `out`.
  void rewrite_into(std::vector<Op>& out) {
    if (run_.size() < 2) {  // most runs: nothing to net, and no allocation to pay for it
      for (const Op& op : run_) note_accesses(op);
      out.insert(out.end(), run_.begin(), run_.end());
      return;
    }
    const size_t start = collect_cells() ? safe_start() : run_.size();
    for (const Op& op : run_) note_accesses(op);
    out.insert(out.end(), run_.begin(), run_.begin() + static_cast<std::ptrdiff_t>(start));
    std::vector<Op> net;
    if (run_.size() - start >= 2 && net_ops(start, net) && net.size() < run_.size() - start) {
      out.insert(out.end(), net.begin(), net.end());
    } else {
      out.insert(out.end(), run_.begin() + static_cast<std::ptrdiff_t>(start), run_.end());
    }
  }

 private:
  // The run's cells, in order of first use; false when there are too many.
  bool collect_cells() {
    for (const Op& op : run_) {
      if (!index_of(op.offset) && !add_cell(op.offset)) return false;
      if (op.kind == OpKind::kMulAdd && !index_of(op.from) && !add_cell(op.from)) return false;
    }
    return true;
  }
  bool add_cell(int32_t offset) {
    if (cells_.size() == kMaxCells) return false;
    cells_.push_back(offset);
    return true;
  }
  std::optional<size_t> index_of(int32_t offset) const {
    const auto at = std::find(cells_.begin(), cells_.end(), offset);
    if (at == cells_.end()) return std::nullopt;
    return static_cast<size_t>(at - cells_.begin());
  }
  size_t at(int32_t offset) const { return *index_of(offset); }

  void note_accesses(const Op& op) const {
    tape_.add(op.kind == OpKind::kMulAdd ? op.from : op.offset);
  }

  // The first op from which on every cell of the run is certainly on the tape (run size if none),
  // with the values the ops before it leave known in known_.
  size_t safe_start() {
    const auto [low, high] = std::minmax_element(cells_.begin(), cells_.end());
    CellInterval tape = tape_;
    for (size_t i = 0; i < run_.size(); ++i) {
      if (tape.covers(*low, *high)) return i;
      const Op& op = run_[i];
      tape.add(op.kind == OpKind::kMulAdd ? op.from : op.offset);
      std::optional<uint8_t>& target = known_[at(op.offset)];
      switch (op.kind) {
        case OpKind::kSet: target = static_cast<uint8_t>(op.arg); break;
        case OpKind::kAdd:
          if (target) target = static_cast<uint8_t>(*target + op.arg);
          break;
        case OpKind::kMulAdd: {
          const std::optional<uint8_t> counter = known_[at(op.from)];
          if (counter && target) {
            target = static_cast<uint8_t>(*target + *counter * op.arg);
          } else if (counter != 0) {
            target.reset();
          }
          break;
        }
        default: break;
      }
    }
    return run_.size();
  }

  // The ops from `start` on as net writes, in `net`; false when they cannot be written so.
  bool net_ops(size_t start, std::vector<Op>& net) const {
    std::array<Value, kMaxCells> initial{};
    for (size_t k = 0; k < cells_.size(); ++k) {
      if (known_[k]) {
        initial[k].constant = *known_[k];
      } else {
        initial[k].factor[k] = 1;
      }
    }
    std::array<Value, kMaxCells> value = initial;
    std::array<size_t, kMaxCells> last_write{};
    for (size_t i = start; i < run_.size(); ++i) {
      const Op& op = run_[i];
      Value& target = value[at(op.offset)];
      last_write[at(op.offset)] = i;
      if (op.kind == OpKind::kSet) {
        target = Value{.constant = static_cast<uint8_t>(op.arg)};
      } else if (op.kind == OpKind::kAdd) {
        target.constant = static_cast<uint8_t>(target.constant + op.arg);
      } else {
        const Value& counter = value[at(op.from)];
        const auto times = static_cast<uint8_t>(op.arg);
        target.constant = static_cast<uint8_t>(target.constant + counter.constant * times);
        for (size_t k = 0; k < cells_.size(); ++k) {
          target.factor[k] = static_cast<uint8_t>(target.factor[k] + counter.factor[k] * times);
        }
      }
    }
    // A changed cell is written after every changed cell that reads its starting value.
    // Fixed arrays, not vectors: the pass runs on every run of every program.
    std::array<size_t, kMaxCells> readers{};
    std::array<size_t, kMaxCells> changed_cells{};
    size_t changed_count = 0;
    for (size_t k = 0; k < cells_.size(); ++k) {
      if (value[k] == initial[k]) continue;
      if (value[k].factor[k] > 1) return false;
      // A cell fed by two others becomes a chain of read-modify-writes of that cell, which
      // measured slower than the run it replaced (pidigits handjit 8.0 -> 9.9 ms).
      size_t feeds = 0;
      for (size_t j = 0; j < cells_.size(); ++j) feeds += j != k && value[k].factor[j] != 0;
      if (feeds > 1) return false;
      changed_cells[changed_count++] = k;
    }
    const std::span<size_t> changed(changed_cells.data(), changed_count);
    for (const size_t k : changed) {
      for (const size_t j : changed) {
        if (j != k && value[k].factor[j] != 0) ++readers[j];
      }
    }
    // Ready cells go in the order of their last write in the run, which keeps the usual shape
    // (a multiply's targets, then its counter's clear).
    std::sort(changed.begin(), changed.end(),
              [&](size_t a, size_t b) { return last_write[a] < last_write[b]; });
    std::array<bool, kMaxCells> done{};
    for (size_t emitted = 0; emitted < changed.size(); ++emitted) {
      const auto ready = std::find_if(changed.begin(), changed.end(),
                                      [&](size_t k) { return !done[k] && readers[k] == 0; });
      if (ready == changed.end()) return false;  // each waits for another: a swap
      const size_t k = *ready;
      done[k] = true;
      emit_cell(k, value[k], run_[last_write[k]], net);
      for (const size_t j : changed) {
        if (j != k && value[k].factor[j] != 0) --readers[j];
      }
    }
    return true;
  }

  // Cell k's net write: a Set or Add for its constant part, then a MulAdd per cell it reads.
  // None of these can trap, so the src of the run's last write of the cell stands for them all.
  void emit_cell(size_t k, const Value& value, const Op& last, std::vector<Op>& net) const {
    const int32_t offset = cells_[k];
    const bool keeps_own = value.factor[k] == 1;
    if (keeps_own) {
      if (value.constant != 0) {
        net.push_back(Op{.kind = OpKind::kAdd, .arg = wrap_signed(value.constant),
                         .offset = offset, .src = last.src});
      }
    } else if (known_[k] != value.constant) {  // unknown, or known to hold another value
      net.push_back(Op{.kind = OpKind::kSet, .arg = wrap_unsigned(value.constant),
                       .offset = offset, .src = last.src});
    }
    for (size_t j = 0; j < cells_.size(); ++j) {
      if (j == k || value.factor[j] == 0) continue;
      net.push_back(Op{.kind = OpKind::kMulAdd, .arg = wrap_signed(value.factor[j]),
                       .offset = offset, .from = cells_[j], .src = last.src,
                       .src2 = last.kind == OpKind::kMulAdd ? last.src2 : last.src});
    }
  }

  std::span<const Op> run_;
  CellInterval& tape_;
  InlineCells cells_;
  std::array<std::optional<uint8_t>, kMaxCells> known_{};  // per cell, its value where the
                                                          // rewrite starts
};

}  // namespace

std::optional<std::vector<Op>> net_form(std::span<const Op> run) {
  CellInterval unused;  // whole_run_net() reads no tape knowledge
  return RunRewriter(run, unused).whole_run_net();
}

Program net_writes(const Program& program) {
  Program out;
  out.ops.reserve(program.ops.size());
  TapeAcrossLoops loops(program);
  // Cells certainly on the tape: every access widens it, a move shifts it, a loop test or a scan
  // leaves only cell[p].
  CellInterval tape;
  std::vector<Op> run;
  for (size_t i = 0; i < program.ops.size(); ++i) {
    const Op& op = program.ops[i];
    if (in_run(op.kind)) {
      run.push_back(op);
      if (i + 1 < program.ops.size() && in_run(program.ops[i + 1].kind)) continue;
      RunRewriter(run, tape).rewrite_into(out.ops);
      run.clear();
      continue;
    }
    out.ops.push_back(op);
    switch (op.kind) {
      case OpKind::kMove: tape.pointer_moved(op.arg); break;
      case OpKind::kOut:
      case OpKind::kIn: tape.add(op.offset); break;
      case OpKind::kProduct: tape.add(op.from); break;
      case OpKind::kLoopBegin: loops.loop_begin(i, tape); break;
      case OpKind::kLoopEnd: loops.loop_end(tape); break;
      default: tape = CellInterval::only(0); break;  // scans and seeks
    }
  }
  link_loops(out);
  return out;
}

}  // namespace bf::passes
