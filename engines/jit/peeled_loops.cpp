#include "engines/jit/peeled_loops.h"

#include <algorithm>
#include <map>
#include <optional>

namespace bf::jit {

namespace {

// Positions stay far from int32's limits (offsets are within kMaxOffset, so a fact's offset from
// the new p is within 2 * kMaxReach + kMaxOffset): a body whose moves add up beyond this is left
// alone.
constexpr int64_t kMaxReach = int64_t{1} << 29;

// What one iteration of a loop body is sure of, position by position (positions are offsets from p
// at the iteration's start). Sound by construction: it follows the ops' semantics, learning only
// what every run of them makes true.
class IterationFacts {
 public:
  // Starts from the loop test's facts: the tested cell is on the tape.
  IterationFacts() = default;
  // Starts from the facts an iteration left (offsets from the new p).
  explicit IterationFacts(const PeeledLoop& after) : lo_(after.lo), hi_(after.hi) {
    for (const auto& [offset, value] : after.values) values_[offset] = value;
  }

  // Which facts an op could use.
  struct Use {
    bool value = false;    // the value of a cell it reads or updates is known
    bool on_tape = false;  // a MulAdd target is known to be on the tape
  };
  // Learns from one body op; reports which facts it could use.
  Use apply(const Op& op) {
    Use use;
    const int64_t at = shift_ + op.offset;
    switch (op.kind) {
      case OpKind::kMove:
        shift_ += op.arg;
        break;
      case OpKind::kAdd:
        if (const auto found = values_.find(at); found != values_.end()) {
          use.value = true;
          found->second = static_cast<uint8_t>(found->second + op.arg);
        }
        touch(at);
        break;
      case OpKind::kSet:
        touch(at);
        values_[at] = static_cast<uint8_t>(op.arg);
        break;
      case OpKind::kOut:
        touch(at);
        break;
      case OpKind::kIn:
        touch(at);
        values_.erase(at);
        break;
      case OpKind::kMulAdd: {
        const int64_t from = shift_ + op.from;
        touch(from);
        const auto counter = values_.find(from);
        const auto target = values_.find(at);
        use.on_tape = at >= lo_ && at <= hi_;
        use.value = counter != values_.end() || target != values_.end();
        if (counter == values_.end()) {
          values_.erase(at);  // touched and changed only when the counter is non-zero
        } else if (counter->second != 0) {
          touch(at);
          if (target != values_.end()) {
            target->second = static_cast<uint8_t>(target->second + counter->second * op.arg);
          }
        }
        break;
      }
      case OpKind::kLoopBegin:
      case OpKind::kLoopEnd:
      case OpKind::kScan:
      case OpKind::kSeek:
      case OpKind::kProduct:
        break;  // not in a peeled loop's body
    }
    return use;
  }

  // The loop's end test, then the facts as offsets from p there.
  PeeledLoop at_end_test(size_t begin, size_t end) {
    touch(shift_);
    PeeledLoop loop{
        begin, end, static_cast<int32_t>(lo_ - shift_), static_cast<int32_t>(hi_ - shift_), {}};
    for (const auto& [at, value] : values_)
      loop.values.emplace_back(static_cast<int32_t>(at - shift_), value);
    return loop;
  }

  int64_t shift() const { return shift_; }

 private:
  void touch(int64_t at) {
    lo_ = std::min(lo_, at);
    hi_ = std::max(hi_, at);
  }

  int64_t shift_ = 0;
  int64_t lo_ = 0;
  int64_t hi_ = 0;
  std::map<int64_t, uint8_t> values_;
};

bool peelable(OpKind kind) {
  switch (kind) {
    case OpKind::kAdd:
    case OpKind::kSet:
    case OpKind::kMove:
    case OpKind::kMulAdd:
    case OpKind::kOut:
    case OpKind::kIn:
      return true;
    case OpKind::kLoopBegin:
    case OpKind::kLoopEnd:
    case OpKind::kScan:
    case OpKind::kSeek:
    case OpKind::kProduct:
      break;
  }
  return false;
}

std::optional<PeeledLoop> peeled_loop_at(const std::vector<Op>& ops, size_t begin, size_t end) {
  IterationFacts first;
  for (size_t i = begin + 1; i < end; ++i) {
    if (!peelable(ops[i].kind)) return std::nullopt;
    first.apply(ops[i]);
    if (first.shift() > kMaxReach || first.shift() < -kMaxReach) return std::nullopt;
  }
  const PeeledLoop loop = first.at_end_test(begin, end);
  // Worth it when a later iteration uses a fact the first one could not have had.
  IterationFacts bare;
  IterationFacts later(loop);
  bool gains = false;
  for (size_t i = begin + 1; i < end; ++i) {
    const IterationFacts::Use without = bare.apply(ops[i]);
    const IterationFacts::Use with = later.apply(ops[i]);
    gains = gains || (with.value && !without.value) || (with.on_tape && !without.on_tape);
  }
  if (!gains) return std::nullopt;
  return loop;
}

}  // namespace

std::vector<PeeledLoop> find_peeled_loops(const Program& program) {
  const std::vector<Op>& ops = program.ops;
  std::vector<PeeledLoop> loops;
  for (size_t i = 0; i < ops.size(); ++i) {
    if (ops[i].kind != OpKind::kLoopBegin) continue;
    const auto end = static_cast<size_t>(ops[i].arg);
    if (end <= i || end >= ops.size()) continue;  // not linked; leave it to the plain code
    if (std::optional<PeeledLoop> loop = peeled_loop_at(ops, i, end))
      loops.push_back(std::move(*loop));
  }
  return loops;
}

}  // namespace bf::jit
