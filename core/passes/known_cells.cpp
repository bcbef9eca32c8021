// known-cells (O3): folds ops on cells whose value is known, carrying facts through loops.
#include "core/passes/known_cells.h"

#include <algorithm>
#include <cstdint>
#include <deque>
#include <optional>
#include <utility>
#include <vector>

#include "core/passes/pass_support.h"

namespace bf::passes {

namespace {

// Beyond this many cells the walk forgets what it knows: less knowledge is always sound, and it
// keeps the copies a loop makes small on programs that touch many cells.
constexpr size_t kMaxFacts = 64;
// When full, facts about cells farther than this from p go first.
constexpr int64_t kNearCells = 16;

// What is known at one point of the program, in cells counted from an origin: p is base_ there.
// Two states compare only with the same origin, which a loop or scan with an unknown move replaces.
class Facts {
 public:
  static Facts program_start() {
    static_assert(kStartValue == 0, "rest_zero_ stands for a tape of kStartValue");
    Facts facts;
    facts.rest_zero_ = true;  // a fresh tape
    facts.touch(0);           // p = 0 is the first cell
    return facts;
  }

  std::optional<int32_t> value(int32_t offset) const {
    const Cell* cell = find(base_ + offset);
    return resolve(cell ? cell->value : kDefault);
  }
  bool on_tape(int32_t offset) const {
    const Cell* cell = find(base_ + offset);
    return cell && cell->on_tape;
  }

  void write(int32_t offset, std::optional<int32_t> value) {
    const int16_t stored = value ? static_cast<int16_t>(wrap_unsigned(*value))
                                 : (rest_zero_ ? kUnknown : kDefault);
    if (stored == kDefault && !find(base_ + offset)) return;
    at(base_ + offset).value = stored;
  }
  void touch(int32_t offset) { at(base_ + offset).on_tape = true; }
  void move(int32_t distance) { base_ += distance; }

  void forget_values() {
    std::erase_if(cells_, [](const Cell& cell) { return !cell.on_tape; });
    for (Cell& cell : cells_) cell.value = kDefault;
    rest_zero_ = false;
  }
  // p moved by an unknown distance: nothing known stays expressible.
  void forget_all(uint64_t fresh_origin) {
    cells_.clear();
    rest_zero_ = false;
    origin_ = fresh_origin;
    base_ = 0;
  }

  bool comparable(const Facts& other) const {
    return origin_ == other.origin_ && base_ == other.base_;
  }
  // True when every fact of this state holds in `later` too (both must be comparable): then the
  // state is an invariant of a loop head whose body turns it into `later`.
  bool holds_in(const Facts& later) const {
    if (rest_zero_ && !later.rest_zero_) return false;
    for (const Cell& cell : cells_) {
      const Cell* theirs = later.find(cell.cell);
      const std::optional<int32_t> mine = resolve(cell.value);
      if (mine && later.resolve(theirs ? theirs->value : kDefault) != mine) return false;
      if (cell.on_tape && !(theirs && theirs->on_tape)) return false;
    }
    if (!rest_zero_) return true;
    // Cells this state does not list are 0 here: they must be in `later` too.
    return std::all_of(later.cells_.begin(), later.cells_.end(), [&](const Cell& cell) {
      return find(cell.cell) || later.resolve(cell.value) == 0;
    });
  }

  // Keeps what holds in both states (two ways into one program point); both must be comparable.
  void join(const Facts& other) {
    // Built in a buffer that lives on: joins run at every loop end, and allocating costs more.
    static thread_local std::vector<Cell> joined;
    joined.clear();
    const bool rest_zero = rest_zero_ && other.rest_zero_;
    auto keep = [&](int64_t where, int16_t mine, bool mine_on, int16_t theirs, bool theirs_on) {
      const std::optional<int32_t> a = resolve(mine);
      const std::optional<int32_t> b = other.resolve(theirs);
      Cell cell{where, kDefault, mine_on && theirs_on};
      if (a && a == b) {
        cell.value = static_cast<int16_t>(*a);
      } else if (rest_zero) {
        cell.value = kUnknown;
      }
      if (cell.value != kDefault || cell.on_tape) joined.push_back(cell);
    };
    size_t i = 0;
    size_t j = 0;
    while (i < cells_.size() || j < other.cells_.size()) {
      const bool take_mine = j == other.cells_.size() ||
                             (i < cells_.size() && cells_[i].cell <= other.cells_[j].cell);
      const bool take_theirs = i == cells_.size() ||
                               (j < other.cells_.size() && other.cells_[j].cell <= cells_[i].cell);
      const Cell none{};
      const Cell& mine = take_mine ? cells_[i] : none;
      const Cell& theirs = take_theirs ? other.cells_[j] : none;
      keep(take_mine ? mine.cell : theirs.cell, mine.value, mine.on_tape, theirs.value,
           theirs.on_tape);
      i += take_mine ? 1 : 0;
      j += take_theirs ? 1 : 0;
    }
    cells_.swap(joined);
    rest_zero_ = rest_zero;
  }

 private:
  static constexpr int16_t kUnknown = -1;  // not known, on a tape whose other cells are 0
  static constexpr int16_t kDefault = -2;  // as the rest of the tape: 0 if rest_zero_, else unknown

  struct Cell {
    int64_t cell = 0;
    int16_t value = kDefault;  // 0..255, kUnknown or kDefault
    bool on_tape = false;      // some earlier access proved it in bounds
  };

  std::optional<int32_t> resolve(int16_t value) const {
    if (value == kDefault) return rest_zero_ ? std::optional<int32_t>(0) : std::nullopt;
    if (value == kUnknown) return std::nullopt;
    return value;
  }
  const Cell* find(int64_t where) const {
    const auto it = std::lower_bound(cells_.begin(), cells_.end(), where,
                                     [](const Cell& cell, int64_t w) { return cell.cell < w; });
    return it != cells_.end() && it->cell == where ? &*it : nullptr;
  }
  Cell& at(int64_t where) {
    auto it = std::lower_bound(cells_.begin(), cells_.end(), where,
                               [](const Cell& cell, int64_t w) { return cell.cell < w; });
    if (it != cells_.end() && it->cell == where) return *it;
    if (cells_.size() >= kMaxFacts) {
      forget_far_cells();
      it = std::lower_bound(cells_.begin(), cells_.end(), where,
                            [](const Cell& cell, int64_t w) { return cell.cell < w; });
    }
    return *cells_.insert(it, Cell{where, kDefault, false});
  }

  // Over a zeroed tape a cell missing from the list is 0, so there it all goes; the origin stays.
  void forget_far_cells() {
    if (!rest_zero_) {
      std::erase_if(cells_, [this](const Cell& cell) {
        return cell.cell < base_ - kNearCells || cell.cell > base_ + kNearCells;
      });
    }
    if (rest_zero_ || cells_.size() >= kMaxFacts) {
      cells_.clear();
      rest_zero_ = false;
    }
  }

  std::vector<Cell> cells_;  // sorted by cell
  bool rest_zero_ = false;   // cells not listed hold 0
  int64_t base_ = 0;
  uint64_t origin_ = 0;
};

// What a loop's body does to p and to the cells, at any depth.
struct LoopShape {
  bool balanced = true;      // p is back where it started at every end test
  bool writes_known = true;  // `writes` lists every cell the body may write
  bool once = false;         // the body ends by zeroing the cell the end tests
  std::vector<int32_t> writes;  // relative to p at the '['
};

// True when the body of the loop ending at ops[end] leaves cell[p] = 0 at its end, so the end test
// never jumps back: walking back through the body's last block, the last write of that cell is a
// set 0, or there is none and the block starts after an inner loop or scan that stopped there.
bool ends_zeroed(const std::vector<Op>& ops, size_t end) {
  int64_t cell = 0;  // where the tested cell is, relative to p at the op being looked at
  for (size_t i = end; i-- > 0;) {
    const Op& op = ops[i];
    switch (op.kind) {
      case OpKind::kMove:
        cell += op.arg;
        break;
      case OpKind::kSet:
        if (op.offset == cell) return op.arg == 0;
        break;
      case OpKind::kAdd:
      case OpKind::kIn:
      case OpKind::kMulAdd:
      case OpKind::kProduct:
        if (op.offset == cell) return false;
        break;
      case OpKind::kOut:
        break;
      case OpKind::kLoopEnd:
      case OpKind::kScan:
      case OpKind::kSeek:  // where p was before it is unknown
        return cell == 0 && value_tested_last(op) == 0;
      case OpKind::kLoopBegin:
        return false;
    }
  }
  return false;
}

// Every loop's shape, by the index of its kLoopBegin.
class LoopShapes {
 public:
  explicit LoopShapes(const std::vector<Op>& ops) {
    struct Open {
      size_t begin;
      int64_t pointer;
      LoopShape shape;
      void note(int64_t cell) {
        if (!shape.writes_known) return;
        if (!offset_fits(cell)) {
          forget_writes();
          return;
        }
        shape.writes.push_back(static_cast<int32_t>(cell));
        if (shape.writes.size() > 4 * kMaxFacts) tidy();
      }
      void tidy() {
        std::sort(shape.writes.begin(), shape.writes.end());
        shape.writes.erase(std::unique(shape.writes.begin(), shape.writes.end()),
                           shape.writes.end());
        if (shape.writes.size() > kMaxFacts) forget_writes();
      }
      void forget_writes() {
        shape.writes_known = false;
        shape.writes.clear();
      }
    };
    std::vector<Open> open;
    for (size_t i = 0; i < ops.size(); ++i) {
      const Op& op = ops[i];
      if (op.kind == OpKind::kLoopBegin) {
        open.push_back(Open{i, 0, LoopShape{}});
        continue;
      }
      if (open.empty()) continue;
      Open& top = open.back();
      switch (op.kind) {
        case OpKind::kMove:
          top.pointer += op.arg;
          break;
        case OpKind::kAdd:
        case OpKind::kSet:
        case OpKind::kIn:
        case OpKind::kMulAdd:
        case OpKind::kProduct:
          top.note(top.pointer + op.offset);
          break;
        case OpKind::kOut:
        case OpKind::kLoopBegin:
          break;
        case OpKind::kScan:
        case OpKind::kSeek:
          top.shape.balanced = false;
          break;
        case OpKind::kLoopEnd: {
          Open done = std::move(top);
          open.pop_back();
          done.tidy();
          done.shape.balanced = done.shape.balanced && done.pointer == 0;
          done.shape.once = ends_zeroed(ops, i);
          if (!open.empty()) {
            Open& parent = open.back();
            if (!done.shape.balanced) {
              parent.shape.balanced = false;
            } else if (!done.shape.writes_known) {
              parent.forget_writes();
            } else {
              for (const int32_t cell : done.shape.writes) parent.note(parent.pointer + cell);
            }
          }
          shapes_.emplace_back(static_cast<uint32_t>(done.begin), std::move(done.shape));
          break;
        }
      }
    }
    // Loops close in the order of their ends; at() finds them by their begins.
    std::sort(shapes_.begin(), shapes_.end(), by_begin);
  }

  const LoopShape& at(size_t begin) const {
    const Entry key{static_cast<uint32_t>(begin), LoopShape{}};
    return std::lower_bound(shapes_.begin(), shapes_.end(), key, by_begin)->second;
  }

 private:
  using Entry = std::pair<uint32_t, LoopShape>;  // a kLoopBegin's index (op indices are 32-bit)
  static bool by_begin(const Entry& a, const Entry& b) { return a.first < b.first; }

  // One entry per loop, not a table per op: a program that does not fold has few loops and many
  // ops, and the pass runs while its input and output are both held.
  std::vector<Entry> shapes_;
};

// How many times the body of a loop that may turn more than once is walked in search of facts that
// hold at its head (see Folder::loop_begin), before the walk settles for the facts that the
// body cannot change.
constexpr int kHeadRounds = 3;
// Those searches walk at most this many ops per op of the program, in all (nested loops multiply
// their rounds); then every loop's body is walked once, as without them.
constexpr size_t kSearchOpsPerOp = 2;
constexpr size_t kSearchOpsMin = 256;

class Folder {
 public:
  Folder(const std::vector<Op>& ops, std::vector<Op>& out)
      : ops_(ops),
        out_(out),
        shapes_(ops),
        facts_(Facts::program_start()),
        search_budget_(kSearchOpsPerOp * ops.size() + kSearchOpsMin) {}

  void run() {
    for (size_t i = 0; i < ops_.size(); ++i) {
      const Op& op = ops_[i];
      switch (op.kind) {
        case OpKind::kAdd:
          add(op);
          break;
        case OpKind::kSet:
          set(op);
          break;
        case OpKind::kMulAdd:
          muladd(op);
          break;
        case OpKind::kProduct:
          product(op);
          break;
        case OpKind::kOut:
          out_.push_back(op);
          facts_.touch(op.offset);
          break;
        case OpKind::kIn:
          out_.push_back(op);
          facts_.write(op.offset, std::nullopt);
          facts_.touch(op.offset);
          break;
        case OpKind::kMove:
          out_.push_back(op);
          facts_.move(op.arg);
          break;
        case OpKind::kScan:
          if (known_zero_on_tape(0)) break;
          out_.push_back(op);
          facts_.forget_all(++origins_);
          stopped_after(op);
          break;
        case OpKind::kSeek:
          out_.push_back(op);
          facts_.forget_all(++origins_);
          stopped_after(op);
          break;
        case OpKind::kLoopBegin:
          if (known_zero_on_tape(0)) {
            i = static_cast<size_t>(op.arg);  // never entered: drop the whole loop
            break;
          }
          loop_begin(i);
          break;
        case OpKind::kLoopEnd:
          i = loop_end(i);
          break;
      }
    }
  }

 private:
  // How the body of an open loop is being walked.
  enum class Mode : uint8_t {
    kInlined,     // runs exactly once: its tests are gone
    kUnbalanced,  // p may end elsewhere: nothing known survives it
    kSettled,     // from facts known to hold at every head
    kSearch,      // from a guess of them, checked at the `]` (see loop_begin)
  };
  struct Frame {
    size_t begin;
    const LoopShape* shape;
    Mode mode;
    int round = 0;    // kSearch: which guess
    size_t mark = 0;  // kSearch: out_'s size at the body's start
  };

  bool known_zero_on_tape(int32_t offset) const {
    return facts_.value(offset) == 0 && facts_.on_tape(offset);
  }

  // p is on the cell whose test ended `op` (value_tested_last).
  void stopped_after(const Op& op) {
    facts_.write(0, value_tested_last(op));
    facts_.touch(0);
  }

  void add(Op op) {
    const std::optional<int32_t> before = facts_.value(op.offset);
    if (before) {
      if (wrap_unsigned(op.arg) == 0 && facts_.on_tape(op.offset)) return;
      op.kind = OpKind::kSet;
      op.arg = wrap_unsigned(int64_t{*before} + op.arg);
      facts_.write(op.offset, int32_t{op.arg});
    } else {
      facts_.write(op.offset, std::nullopt);
    }
    out_.push_back(op);
    facts_.touch(op.offset);
  }

  void set(const Op& op) {
    if (facts_.value(op.offset) == wrap_unsigned(op.arg) && facts_.on_tape(op.offset)) return;
    out_.push_back(op);
    facts_.write(op.offset, op.arg);
    facts_.touch(op.offset);
  }

  void muladd(const Op& op) {
    const std::optional<int32_t> counter = facts_.value(op.from);
    if (counter && facts_.on_tape(op.from)) {
      // The counter read cannot trap; what is left is the target's access, if any.
      if (*counter == 0) return;
      add(Op{.kind = OpKind::kAdd,
             .arg = wrap_signed(int64_t{*counter} * op.arg),
             .offset = op.offset,
             .src = op.src});
      return;
    }
    out_.push_back(op);
    facts_.touch(op.from);
    facts_.write(op.offset, std::nullopt);
  }

  // A product with a factor of known value (on the tape, so reading it cannot trap) is a muladd
  // by the other, which reads it where the product would (src2) and touches the target only when
  // the product would.
  void product(const Op& op) {
    const int32_t second = product_second(op);
    const std::optional<int32_t> first_value = facts_.value(op.from);
    const std::optional<int32_t> second_value = facts_.value(second);
    if (first_value && facts_.on_tape(op.from)) {
      if (*first_value == 0) return;
      muladd(Op{.kind = OpKind::kMulAdd,
                .arg = wrap_signed(int64_t{*first_value} * product_factor(op)),
                .offset = op.offset, .from = second, .src = op.src, .src2 = op.src2});
      return;
    }
    if (second_value && *second_value != 0 && facts_.on_tape(second)) {
      muladd(Op{.kind = OpKind::kMulAdd,
                .arg = wrap_signed(int64_t{*second_value} * product_factor(op)),
                .offset = op.offset, .from = op.from, .src = op.src, .src2 = op.src2});
      return;
    }
    out_.push_back(op);
    facts_.touch(op.from);
    facts_.write(op.offset, std::nullopt);
  }

  void loop_begin(size_t begin) {
    const Op& op = ops_[begin];
    const LoopShape& shape = shapes_.at(begin);
    const std::optional<int32_t> counter = facts_.value(0);
    const bool entered = counter && *counter != 0 && facts_.on_tape(0);
    facts_.touch(0);
    if (shape.once && entered) {
      frames_.push_back(Frame{begin, &shape, Mode::kInlined});
      return;
    }
    out_.push_back(op);
    if (!shape.balanced) {
      frames_.push_back(Frame{begin, &shape, Mode::kUnbalanced});
      if (!shape.once) facts_.forget_all(++origins_);  // a once body is only entered from here
      return;
    }
    frames_.push_back(Frame{begin, &shape, Mode::kSettled});
    Facts& entry = saved(entries_);  // at the '[' test, after it
    entry = facts_;
    if (shape.once) return;
    // The body may turn again: facts that hold at its head every time, at entry and at every jump
    // back. A guess H of them (the entry facts; not the counter's value, which a loop that ends
    // must change) is right when the body, walked from H, ends in a state where H still holds:
    // then by induction H holds at every turn. Else the next guess keeps what held both ways, for
    // a few rounds; the last resort is the entry facts less every cell the body may write, which
    // always hold. A rejected round's output is dropped. Only a guess that knows a cell the body
    // writes can beat the last resort.
    Facts& head = saved(heads_);
    head = entry;
    if (may_write(shape, 0)) head.write(0, std::nullopt);
    if (knows_a_write(head, shape)) {
      frames_.back().mode = Mode::kSearch;
      frames_.back().mark = out_.size();
      if (try_guess(frames_.back())) return;
    }
    settle(frames_.back());
  }

  // Starts a walk of the body from the frame's guess, if the search budget allows; true if so.
  bool try_guess(Frame& frame) {
    const size_t length = static_cast<size_t>(ops_[frame.begin].arg) - frame.begin;
    if (frame.round >= kHeadRounds || search_budget_ < length) return false;
    search_budget_ -= length;
    facts_ = saved(heads_);
    return true;
  }

  // The body's walk from the last resort: the entry facts less the body's writes.
  void settle(Frame& frame) {
    frame.mode = Mode::kSettled;
    facts_ = saved(entries_);
    forget_writes(*frame.shape);
  }

  // Leaves the loop either way: never entered (the entry facts) or ended (the body's facts).
  // Returns where the walk goes on: this `]`, or just before the '[' to walk the body again.
  size_t loop_end(size_t end) {
    Frame& frame = frames_.back();
    if (frame.mode == Mode::kInlined) {
      frames_.pop_back();
      stopped_after(ops_[end]);  // what the body's end guarantees
      return end;
    }
    if (frame.mode == Mode::kSearch) {
      facts_.touch(0);  // the ']' test
      Facts& head = saved(heads_);
      if (facts_.comparable(head) && head.holds_in(facts_)) {
        frame.mode = Mode::kSettled;  // the guess was right: the body's output stands
      } else {
        out_.resize(frame.mark);
        ++frame.round;
        bool again = false;
        if (facts_.comparable(head)) {
          head.join(facts_);
          again = try_guess(frame);
        }
        if (!again) settle(frame);
        return frame.begin;
      }
    }
    out_.push_back(ops_[end]);
    facts_.touch(0);
    if (frame.mode == Mode::kUnbalanced) {
      facts_.forget_all(++origins_);
    } else {
      const Facts& entry = saved(entries_);
      if (facts_.comparable(entry)) {
        facts_.join(entry);
      } else {
        facts_ = entry;
        forget_writes(*frame.shape);
      }
    }
    frames_.pop_back();
    stopped_after(ops_[end]);
    return end;
  }

  // True when `facts` knows the value of a cell the body may write: only such a fact can hold at
  // the head beyond those the body cannot touch.
  static bool knows_a_write(const Facts& facts, const LoopShape& shape) {
    return !shape.writes_known ||
           std::any_of(shape.writes.begin(), shape.writes.end(),
                       [&](int32_t cell) { return facts.value(cell).has_value(); });
  }

  // The state kept in `pool` for the innermost open loop: one per depth, reused, so that copying
  // a state into it seldom allocates.
  Facts& saved(std::deque<Facts>& pool) {
    const size_t depth = frames_.size() - 1;
    while (pool.size() <= depth) pool.emplace_back();
    return pool[depth];
  }

  static bool may_write(const LoopShape& shape, int32_t cell) {
    return !shape.writes_known ||
           std::binary_search(shape.writes.begin(), shape.writes.end(), cell);
  }

  void forget_writes(const LoopShape& shape) {
    if (!shape.writes_known) {
      facts_.forget_values();
    } else {
      for (const int32_t cell : shape.writes) facts_.write(cell, std::nullopt);
    }
  }

  const std::vector<Op>& ops_;
  std::vector<Op>& out_;
  LoopShapes shapes_;
  Facts facts_;
  uint64_t origins_ = 0;
  size_t search_budget_;  // ops the head searches may still walk
  std::vector<Frame> frames_;
  std::deque<Facts> entries_;
  std::deque<Facts> heads_;
};

}  // namespace

Program known_cells(const Program& program) {
  Program out;
  out.ops.reserve(program.ops.size());
  Folder(program.ops, out.ops).run();
  link_loops(out);
  return out;
}

}  // namespace bf::passes
