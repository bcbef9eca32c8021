// known-cells (O3): folds ops on cells whose value is known, carrying facts through loops.
#include "core/passes/known_cells.h"

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>
#include <vector>

#include "core/passes/pass_support.h"

namespace bf::passes {

namespace {

// Beyond this many facts of one kind the walk forgets them: less knowledge is always sound, and it
// keeps the copies a loop makes small on programs that touch many cells.
constexpr size_t kMaxFacts = 256;

// What is known at one point of the program, in cells counted from an origin: p is base_ there.
// Two states compare only with the same origin, which a loop or scan with an unknown move replaces.
class Facts {
 public:
  static Facts program_start() {
    Facts facts;
    facts.rest_zero_ = true;    // a fresh tape
    facts.on_tape_.insert(0);   // p = 0 is the first cell
    return facts;
  }

  std::optional<int32_t> value(int32_t offset) const {
    const auto it = values_.find(base_ + offset);
    if (it == values_.end()) return rest_zero_ ? std::optional<int32_t>(0) : std::nullopt;
    if (it->second == kUnknown) return std::nullopt;
    return it->second;
  }
  bool on_tape(int32_t offset) const { return on_tape_.count(base_ + offset) != 0; }

  void write(int32_t offset, std::optional<int32_t> value) {
    const int64_t cell = base_ + offset;
    if (value) {
      values_[cell] = wrap_unsigned(*value);
    } else if (rest_zero_) {
      values_[cell] = kUnknown;
    } else {
      values_.erase(cell);
    }
    if (values_.size() > kMaxFacts) forget_values();
  }
  void touch(int32_t offset) {
    on_tape_.insert(base_ + offset);
    if (on_tape_.size() > kMaxFacts) on_tape_.clear();
  }
  void move(int32_t distance) { base_ += distance; }

  void forget_values() {
    values_.clear();
    rest_zero_ = false;
  }
  // p moved by an unknown distance: nothing known stays expressible.
  void forget_all(uint64_t fresh_origin) {
    forget_values();
    on_tape_.clear();
    origin_ = fresh_origin;
    base_ = 0;
  }

  bool comparable(const Facts& other) const {
    return origin_ == other.origin_ && base_ == other.base_;
  }
  // Keeps what holds in both states (two ways into one program point); both must be comparable.
  void join(const Facts& other) {
    std::set<int64_t> cells;
    for (const auto& [cell, value] : values_) cells.insert(cell);
    for (const auto& [cell, value] : other.values_) cells.insert(cell);
    std::map<int64_t, int32_t> joined;
    const bool rest_zero = rest_zero_ && other.rest_zero_;
    for (const int64_t cell : cells) {
      const std::optional<int32_t> mine = value(static_cast<int32_t>(cell - base_));
      const std::optional<int32_t> theirs = other.value(static_cast<int32_t>(cell - base_));
      if (mine && mine == theirs) {
        joined[cell] = *mine;
      } else if (rest_zero) {
        joined[cell] = kUnknown;
      }
    }
    values_ = std::move(joined);
    rest_zero_ = rest_zero;
    std::set<int64_t> both;
    for (const int64_t cell : on_tape_) {
      if (other.on_tape_.count(cell) != 0) both.insert(cell);
    }
    on_tape_ = std::move(both);
  }

 private:
  static constexpr int32_t kUnknown = -1;

  std::map<int64_t, int32_t> values_;  // cell -> 0..255, or kUnknown over a rest_zero_ tape
  bool rest_zero_ = false;             // cells missing from values_ hold 0
  std::set<int64_t> on_tape_;          // cells some earlier access proved in bounds
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
        if (op.offset == cell) return false;
        break;
      case OpKind::kOut:
        break;
      case OpKind::kLoopEnd:
      case OpKind::kScan:
        return cell == 0;
      case OpKind::kLoopBegin:
        return false;
    }
  }
  return false;
}

std::unordered_map<size_t, LoopShape> loop_shapes(const std::vector<Op>& ops) {
  struct Open {
    size_t begin;
    int64_t pointer = 0;
    LoopShape shape;
    std::set<int64_t> writes;
    void note(int64_t cell) {
      if (!shape.writes_known || !offset_fits(cell)) {
        shape.writes_known = false;
        return;
      }
      writes.insert(cell);
      if (writes.size() > kMaxFacts) {
        shape.writes_known = false;
        writes.clear();
      }
    }
  };
  std::unordered_map<size_t, LoopShape> shapes;
  std::vector<Open> open;
  for (size_t i = 0; i < ops.size(); ++i) {
    const Op& op = ops[i];
    if (op.kind == OpKind::kLoopBegin) {
      open.push_back(Open{.begin = i, .pointer = 0, .shape = {}, .writes = {}});
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
        top.note(top.pointer + op.offset);
        break;
      case OpKind::kOut:
      case OpKind::kLoopBegin:
        break;
      case OpKind::kScan:
        top.shape.balanced = false;
        break;
      case OpKind::kLoopEnd: {
        Open done = std::move(top);
        open.pop_back();
        done.shape.balanced = done.shape.balanced && done.pointer == 0;
        done.shape.once = ends_zeroed(ops, i);
        for (const int64_t cell : done.writes) done.shape.writes.push_back(static_cast<int32_t>(cell));
        if (!open.empty()) {
          Open& parent = open.back();
          if (!done.shape.balanced) {
            parent.shape.balanced = false;
          } else if (!done.shape.writes_known) {
            parent.shape.writes_known = false;
          } else {
            for (const int32_t cell : done.shape.writes) parent.note(parent.pointer + cell);
          }
        }
        shapes[done.begin] = std::move(done.shape);
        break;
      }
    }
  }
  return shapes;
}

class Folder {
 public:
  Folder(const std::vector<Op>& ops, std::vector<Op>& out)
      : ops_(ops), out_(out), shapes_(loop_shapes(ops)), facts_(Facts::program_start()) {}

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
          stopped_on_zero();
          break;
        case OpKind::kLoopBegin:
          if (known_zero_on_tape(0)) {
            i = static_cast<size_t>(op.arg);  // never entered: drop the whole loop
            break;
          }
          loop_begin(i);
          break;
        case OpKind::kLoopEnd:
          loop_end(op);
          break;
      }
    }
  }

 private:
  struct Frame {
    const LoopShape* shape;
    Facts entry;    // at the '[' test, after it
    bool inlined;   // runs exactly once: its tests are gone
  };

  bool known_zero_on_tape(int32_t offset) const {
    return facts_.value(offset) == 0 && facts_.on_tape(offset);
  }

  void stopped_on_zero() {
    facts_.write(0, 0);
    facts_.touch(0);
  }

  void add(Op op) {
    const std::optional<int32_t> before = facts_.value(op.offset);
    if (before) {
      if (wrap_unsigned(op.arg) == 0 && facts_.on_tape(op.offset)) return;
      op.kind = OpKind::kSet;
      op.arg = wrap_unsigned(int64_t{*before} + op.arg);
      facts_.write(op.offset, op.arg);
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

  void loop_begin(size_t begin) {
    const Op& op = ops_[begin];
    const LoopShape& shape = shapes_.at(begin);
    const std::optional<int32_t> counter = facts_.value(0);
    const bool entered = counter && *counter != 0 && facts_.on_tape(0);
    facts_.touch(0);
    frames_.push_back(Frame{&shape, facts_, shape.once && entered});
    if (frames_.back().inlined) return;
    out_.push_back(op);
    if (shape.once) return;  // the body is only ever entered from here
    if (!shape.balanced) {
      facts_.forget_all(++origins_);
    } else if (!shape.writes_known) {
      facts_.forget_values();
    } else {
      for (const int32_t cell : shape.writes) facts_.write(cell, std::nullopt);
    }
  }

  // Leaves the loop either way: never entered (the entry facts) or ended (the body's facts).
  void loop_end(const Op& op) {
    Frame frame = std::move(frames_.back());
    frames_.pop_back();
    if (frame.inlined) {
      stopped_on_zero();  // what the body's end guarantees
      return;
    }
    out_.push_back(op);
    facts_.touch(0);
    const LoopShape& shape = *frame.shape;
    if (facts_.comparable(frame.entry)) {
      facts_.join(frame.entry);
    } else if (!shape.balanced) {
      facts_.forget_all(++origins_);
    } else {
      facts_ = std::move(frame.entry);  // true at every test of the loop once its writes go
      if (!shape.writes_known) {
        facts_.forget_values();
      } else {
        for (const int32_t cell : shape.writes) facts_.write(cell, std::nullopt);
      }
    }
    stopped_on_zero();
  }

  const std::vector<Op>& ops_;
  std::vector<Op>& out_;
  std::unordered_map<size_t, LoopShape> shapes_;
  Facts facts_;
  std::vector<Frame> frames_;
  uint64_t origins_ = 0;
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
