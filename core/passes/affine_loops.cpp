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
    cells_[count_++] = 0;
    for (size_t i = begin + 1; i < end; ++i) {
      const Op& op = ops[i];
      if (op.kind != OpKind::kAdd && op.kind != OpKind::kSet && op.kind != OpKind::kMulAdd) {
        return false;
      }
      if (!index_of(op.offset) && !add_cell(op.offset)) return false;
      if (op.kind == OpKind::kMulAdd && !index_of(op.from) && !add_cell(op.from)) return false;
    }
    for (size_t k = 0; k < count_; ++k) map_[k].factor[k] = 1;
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

  size_t size() const { return count_; }
  int32_t cell(size_t k) const { return cells_[k]; }
  const Row& row(size_t k) const { return map_[k]; }

  // Row k of M applied twice: row k with each cell's starting value replaced by its row.
  Row twice(size_t k) const {
    Row out{.constant = map_[k].constant};
    for (size_t j = 0; j < count_; ++j) {
      const uint8_t f = map_[k].factor[j];
      if (f == 0) continue;
      out.constant = static_cast<uint8_t>(out.constant + f * map_[j].constant);
      for (size_t i = 0; i < count_; ++i) {
        out.factor[i] = static_cast<uint8_t>(out.factor[i] + f * map_[j].factor[i]);
      }
    }
    return out;
  }

 private:
  std::optional<size_t> index_of(int32_t offset) const {
    const auto* at = std::find(cells_.begin(), cells_.begin() + count_, offset);
    if (at == cells_.begin() + count_) return std::nullopt;
    return static_cast<size_t>(at - cells_.begin());
  }
  bool add_cell(int32_t offset) {
    if (count_ == kMaxCells) return false;
    cells_[count_++] = offset;
    return true;
  }

  // In place, not a vector: the pass looks at every loop of every program it runs on.
  std::array<int32_t, kMaxCells> cells_{};
  size_t count_ = 0;
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

// A loop whose turns have a closed form: its body's map, its stable cells (the others are
// linear) and its trip factor.
struct Closure {
  AffineBody body;
  std::array<bool, kMaxCells> stable{};
  int32_t trips = 0;
};

// The closed form of the loop at ops[begin..end], if it has one (the tape aside).
std::optional<Closure> closure(const std::vector<Op>& ops, size_t begin, size_t end) {
  Closure c;
  const AffineBody& body = c.body;
  if (!c.body.read(ops, begin, end)) return std::nullopt;
  const Row& counter = body.row(0);
  Row step_only{.constant = counter.constant};
  step_only.factor[0] = 1;
  if (!(counter == step_only)) return std::nullopt;
  const std::optional<int32_t> trips = trip_factor(counter.constant);
  if (!trips) return std::nullopt;
  c.trips = *trips;
  c.stable = stable_cells(body);
  for (size_t k = 1; k < body.size(); ++k) {
    if (c.stable[k]) continue;
    const Row& row = body.row(k);
    if (row.factor[k] != 1) return std::nullopt;
    for (size_t j = 0; j < body.size(); ++j) {
      if (j != k && row.factor[j] != 0 && !c.stable[j]) return std::nullopt;
    }
  }
  return c;
}

// Appends the loop at ops[begin..end] rewritten to `out`, when it has a closed form and every cell
// its body mentions is on the tape after its first turn (`at_head`: the cells on the tape at its
// '[', plus the body's certain accesses); false, with nothing appended, otherwise. Without `out`,
// only whether it would.
bool rewrite(const std::vector<Op>& ops, size_t begin, size_t end, const CellInterval& at_head,
             std::vector<Op>* out) {
  const std::optional<Closure> closed = closure(ops, begin, end);
  if (!closed) return false;
  const AffineBody& body = closed->body;
  const std::array<bool, kMaxCells>& stable = closed->stable;
  CellInterval tape = at_head;
  for (size_t j = begin + 1; j < end; ++j) note_certain_access(ops[j], tape);
  for (size_t k = 0; k < body.size(); ++k) {
    if (!tape.covers(body.cell(k))) return false;
  }
  if (out == nullptr) return true;
  const uint32_t bracket = ops[begin].src;
  out->insert(out->end(), ops.begin() + static_cast<std::ptrdiff_t>(begin),
              ops.begin() + static_cast<std::ptrdiff_t>(end));
  const int64_t k_factor = closed->trips;
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
      out->push_back(Op{.kind = OpKind::kMulAdd, .arg = wrap_signed(k_factor * constant),
                        .offset = target, .from = 0, .src = bracket, .src2 = bracket});
    }
    for (size_t j = 1; j < body.size(); ++j) {
      if (j == k || row.factor[j] == 0 || body.row(j).is_constant()) continue;
      const int32_t factor = wrap_unsigned(k_factor * row.factor[j]);
      if (factor == 0) continue;
      out->push_back(Op{.kind = OpKind::kProduct, .arg = product_arg(body.cell(j), factor),
                        .offset = target, .from = 0, .src = bracket, .src2 = bracket});
    }
  }
  out->push_back(Op{.kind = OpKind::kSet, .arg = 0, .offset = 0, .src = bracket});
  out->push_back(ops[end]);
  return true;
}

// Whether some loop has a closed form (the tape aside): a look that is cheaper than the walk.
bool has_candidate(const std::vector<Op>& ops) {
  for (size_t i = 0; i < ops.size(); ++i) {
    if (ops[i].kind != OpKind::kLoopBegin) continue;
    const size_t end = static_cast<size_t>(ops[i].arg);
    // A cheap look first: one block of adds, sets and some muladd (most loops fail at once).
    bool muladd = false;
    size_t j = i + 1;
    for (; j < end; ++j) {
      const OpKind kind = ops[j].kind;
      if (kind != OpKind::kAdd && kind != OpKind::kSet && kind != OpKind::kMulAdd) break;
      muladd = muladd || kind == OpKind::kMulAdd;
    }
    if (j < end) continue;
    if (muladd && closure(ops, i, end)) return true;
    i = end;
  }
  return false;
}

// Walks the program following the cells on the tape and rewrites each loop that closes into
// `out`, or, without `out`, only counts them.
size_t walk(const Program& program, std::vector<Op>* out) {
  const std::vector<Op>& ops = program.ops;
  TapeAcrossLoops loops(program);
  CellInterval tape;  // cells certainly on the tape, as net-writes follows them
  size_t rewritten = 0;
  for (size_t i = 0; i < ops.size(); ++i) {
    const Op& op = ops[i];
    if (op.kind == OpKind::kLoopBegin) {
      tape.add(0);
      const size_t end = static_cast<size_t>(op.arg);
      if (rewrite(ops, i, end, tape, out)) {
        ++rewritten;
        i = end;  // the loop keeps p (no move in its body): what held at its '[' holds after it
        continue;
      }
    }
    if (out != nullptr) out->push_back(op);
    switch (op.kind) {
      case OpKind::kMove: tape.pointer_moved(op.arg); break;
      case OpKind::kLoopBegin: loops.loop_begin(i, tape); break;
      case OpKind::kLoopEnd: loops.loop_end(tape); break;
      case OpKind::kScan:
      case OpKind::kSeek: tape = CellInterval::only(0); break;
      default: note_certain_access(op, tape); break;
    }
  }
  return rewritten;
}

}  // namespace

// Most programs have no loop that closes, and most that have one do not have it on the tape: the
// input is returned as it is then, without a copy (the pass runs in every round of O3's tail).
Program affine_loops(Program program) {
  if (!has_candidate(program.ops) || walk(program, nullptr) == 0) return program;
  Program out;
  out.ops.reserve(program.ops.size() + 16);
  walk(program, &out.ops);
  link_loops(out);
  return out;
}

}  // namespace bf::passes
