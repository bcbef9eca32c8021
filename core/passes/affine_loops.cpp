// affine-loops (O3): counted loops adding multiples of unchanged cells -> first turn + kProduct
// (see affine_loops.h).
#include "core/passes/affine_loops.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "core/cell_interval.h"
#include "core/passes/affine_value.h"
#include "core/passes/pass_support.h"

namespace bf::passes {

namespace {

// Bodies mentioning more cells stay loops.
constexpr size_t kMaxCells = kMaxAffineCells;

// A cell's value after a turn, in terms of the cells' values at the turn's start.
using Row = AffineValue;

class AffineBody {
 public:
  // False when the body [begin+1, end) is not one block of adds, sets and muladds, or mentions
  // too many cells. Cell 0 (the counter) is always index 0.
  bool read(const std::vector<Op>& ops, size_t begin, size_t end) {
    cells_.push_back(0);
    for (size_t i = begin + 1; i < end; ++i) {
      const Op& op = ops[i];
      if (op.kind != OpKind::kAdd && op.kind != OpKind::kSet && op.kind != OpKind::kMulAdd) {
        return false;
      }
      if (!index_of(op.offset) && !add_cell(op.offset)) return false;
      if (op.kind == OpKind::kMulAdd && !index_of(op.from) && !add_cell(op.from)) return false;
    }
    for (size_t k = 0; k < cells_.size(); ++k) map_[k].factor[k] = 1;
    for (size_t i = begin + 1; i < end; ++i) {
      const Op& op = ops[i];
      Row& target = map_[*index_of(op.offset)];
      if (op.kind == OpKind::kSet) {
        target = Row{.constant = static_cast<uint8_t>(op.arg)};
      } else if (op.kind == OpKind::kAdd) {
        target.constant = static_cast<uint8_t>(target.constant + op.arg);
      } else {
        target.add_multiple(map_[*index_of(op.from)], static_cast<uint8_t>(op.arg));
      }
    }
    return true;
  }

  size_t size() const { return cells_.size(); }
  int32_t cell(size_t k) const { return cells_[k]; }
  const Row& row(size_t k) const { return map_[k]; }

  // Row k of M applied twice: row k with each cell's starting value replaced by its row.
  Row twice(size_t k) const {
    Row out{.constant = map_[k].constant};
    for (size_t j = 0; j < cells_.size(); ++j) {
      const uint8_t f = map_[k].factor[j];
      if (f == 0) continue;
      out.constant = static_cast<uint8_t>(out.constant + f * map_[j].constant);
      for (size_t i = 0; i < cells_.size(); ++i) {
        out.factor[i] = static_cast<uint8_t>(out.factor[i] + f * map_[j].factor[i]);
      }
    }
    return out;
  }

 private:
  std::optional<size_t> index_of(int32_t offset) const {
    const auto at = std::find(cells_.begin(), cells_.end(), offset);
    if (at == cells_.end()) return std::nullopt;
    return static_cast<size_t>(at - cells_.begin());
  }
  bool add_cell(int32_t offset) {
    if (cells_.size() == kMaxCells) return false;
    cells_.push_back(offset);
    return true;
  }

  std::vector<int32_t> cells_;
  std::array<Row, kMaxCells> map_{};
};

// The cells whose value after the first turn stays: the largest set S whose rows read only S
// and satisfy M(M(x)) = M(x). The counter (index 0) is never stable.
std::array<bool, kMaxCells> stable_cells(const AffineBody& body) {
  std::array<bool, kMaxCells> stable{};
  for (size_t k = 1; k < body.size(); ++k) stable[k] = body.twice(k) == body.row(k);
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t k = 1; k < body.size(); ++k) {
      if (!stable[k]) continue;
      for (size_t j = 0; j < body.size(); ++j) {
        if (body.row(k).factor[j] != 0 && !stable[j]) {
          stable[k] = false;
          changed = true;
          break;
        }
      }
    }
  }
  return stable;
}

// Appends the loop at ops[begin..end] rewritten to `out`, when it has the shape and every cell
// its body mentions is covered by `tape` (the cells on the tape at its '[' plus its body's
// certain accesses); false, with nothing appended, otherwise.
bool rewrite(const std::vector<Op>& ops, size_t begin, size_t end, const CellInterval& tape,
             std::vector<Op>& out) {
  AffineBody body;
  if (!body.read(ops, begin, end)) return false;
  const Row& counter = body.row(0);
  Row step_only{.constant = counter.constant};
  step_only.factor[0] = 1;
  if (!(counter == step_only)) return false;
  const std::optional<int32_t> trips = trip_factor(counter.constant);
  if (!trips) return false;
  for (size_t k = 0; k < body.size(); ++k) {
    if (!tape.covers(body.cell(k))) return false;
  }
  const std::array<bool, kMaxCells> stable = stable_cells(body);
  for (size_t k = 1; k < body.size(); ++k) {
    if (stable[k]) continue;
    const Row& row = body.row(k);
    if (row.factor[k] != 1) return false;
    for (size_t j = 0; j < body.size(); ++j) {
      if (j != k && row.factor[j] != 0 && !stable[j]) return false;
    }
  }
  const uint32_t bracket = ops[begin].src;
  out.insert(out.end(), ops.begin() + static_cast<std::ptrdiff_t>(begin),
             ops.begin() + static_cast<std::ptrdiff_t>(end));
  const int64_t k_factor = *trips;
  for (size_t k = 1; k < body.size(); ++k) {
    if (stable[k]) continue;
    const Row& row = body.row(k);
    int64_t constant = row.constant;
    for (size_t j = 1; j < body.size(); ++j) {
      if (j != k && row.factor[j] != 0 && body.row(j).is_constant()) {
        constant += int64_t{row.factor[j]} * body.row(j).constant;
      }
    }
    const int32_t target = body.cell(k);
    if (wrap_unsigned(constant) != 0) {
      out.push_back(Op{.kind = OpKind::kMulAdd, .arg = wrap_signed(k_factor * constant),
                       .offset = target, .from = 0, .src = bracket, .src2 = bracket});
    }
    for (size_t j = 1; j < body.size(); ++j) {
      if (j == k || row.factor[j] == 0 || body.row(j).is_constant()) continue;
      const int32_t factor = wrap_unsigned(k_factor * row.factor[j]);
      if (factor == 0) continue;
      out.push_back(Op{.kind = OpKind::kProduct, .arg = product_arg(body.cell(j), factor),
                       .offset = target, .from = 0, .src = bracket, .src2 = bracket});
    }
  }
  out.push_back(Op{.kind = OpKind::kSet, .arg = 0, .offset = 0, .src = bracket});
  out.push_back(ops[end]);
  return true;
}

// The cells an op is certain to access (its main access), for the tape walk.
void note_certain_access(const Op& op, CellInterval& tape) {
  switch (op.kind) {
    case OpKind::kAdd:
    case OpKind::kSet:
    case OpKind::kOut:
    case OpKind::kIn:
      tape.add(op.offset);
      break;
    case OpKind::kMulAdd:
    case OpKind::kProduct:
      tape.add(op.from);
      break;
    case OpKind::kMove:
    case OpKind::kLoopBegin:
    case OpKind::kLoopEnd:
    case OpKind::kScan:
    case OpKind::kSeek:
      break;
  }
}

}  // namespace

Program affine_loops(const Program& program) {
  const std::vector<Op>& ops = program.ops;
  Program out;
  out.ops.reserve(ops.size());
  TapeAcrossLoops loops(program);
  CellInterval tape;  // cells certainly on the tape, as net-writes follows them
  for (size_t i = 0; i < ops.size(); ++i) {
    const Op& op = ops[i];
    if (op.kind == OpKind::kLoopBegin) {
      tape.add(0);
      const size_t end = static_cast<size_t>(op.arg);
      CellInterval after_first_turn = tape;
      for (size_t j = i + 1; j < end; ++j) note_certain_access(ops[j], after_first_turn);
      if (rewrite(ops, i, end, after_first_turn, out.ops)) {
        i = end;  // the loop keeps p (no move in its body): what held at its '[' holds after it
        continue;
      }
    }
    out.ops.push_back(op);
    switch (op.kind) {
      case OpKind::kMove: tape.pointer_moved(op.arg); break;
      case OpKind::kLoopBegin: loops.loop_begin(i, tape); break;
      case OpKind::kLoopEnd: loops.loop_end(tape); break;
      case OpKind::kScan:
      case OpKind::kSeek: tape = CellInterval::only(0); break;
      default: note_certain_access(op, tape); break;
    }
  }
  link_loops(out);
  return out;
}

}  // namespace bf::passes
