#include "engines/jit/guarded_runs.h"

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

#include "core/passes/net_writes.h"

namespace bf::jit {

namespace {

// Whether the net form of `run` can be shorter at all, decided without building it (most runs
// cannot, and net_form() allocates). A shorter form must merge two writes to one cell, or drop
// an op that changes nothing: one adding zero, or a MulAdd whose counter the run wrote before it
// (possibly to zero). A run with none of these keeps one op per op in its net form.
bool may_shrink(std::span<const Op> run) {
  std::vector<std::pair<int32_t, size_t>> writes;  // (cell, index), sorted by cell, then index
  writes.reserve(run.size());
  for (size_t i = 0; i < run.size(); ++i) {
    if (run[i].kind != OpKind::kSet && low_byte(run[i].arg) == 0) return true;
    writes.emplace_back(run[i].offset, i);
  }
  std::sort(writes.begin(), writes.end());
  for (size_t i = 1; i < writes.size(); ++i) {
    if (writes[i].first == writes[i - 1].first) return true;
  }
  for (size_t i = 0; i < run.size(); ++i) {
    if (run[i].kind != OpKind::kMulAdd) continue;
    const auto first = std::lower_bound(writes.begin(), writes.end(),
                                        std::pair<int32_t, size_t>{run[i].from, 0});
    if (first != writes.end() && first->first == run[i].from && first->second < i) return true;
  }
  return false;
}

// The run [begin, end] as a guarded run, if its net form saves enough.
std::optional<GuardedRun> guarded(const std::vector<Op>& ops, size_t begin, size_t end) {
  const std::span<const Op> run(ops.data() + begin, end - begin + 1);
  if (run.size() <= kGuardedRunSaving || !may_shrink(run)) return std::nullopt;
  std::optional<std::vector<Op>> net = passes::net_form(run);
  if (!net || net->size() + kGuardedRunSaving > run.size()) return std::nullopt;
  GuardedRun guarded_run{.begin = begin, .end = end, .lo = run[0].offset, .hi = run[0].offset,
                         .plain = {run.begin(), run.end()}, .net = std::move(*net)};
  for (const Op& op : run) {
    const int32_t written = op.offset;
    const int32_t read = op.kind == OpKind::kMulAdd ? op.from : written;
    guarded_run.lo = std::min({guarded_run.lo, written, read});
    guarded_run.hi = std::max({guarded_run.hi, written, read});
  }
  return guarded_run;
}

}  // namespace

bool in_run(OpKind kind) {
  return kind == OpKind::kAdd || kind == OpKind::kSet || kind == OpKind::kMulAdd;
}

std::vector<GuardedRun> find_guarded_runs(const Program& program) {
  const std::vector<Op>& ops = program.ops;
  std::vector<GuardedRun> runs;
  for (size_t begin = 0; begin < ops.size(); ++begin) {
    if (!in_run(ops[begin].kind)) continue;
    size_t end = begin;
    while (end + 1 < ops.size() && in_run(ops[end + 1].kind)) ++end;
    if (std::optional<GuardedRun> run = guarded(ops, begin, end)) runs.push_back(std::move(*run));
    begin = end;
  }
  return runs;
}

const GuardedRun* guarded_run_at(const std::vector<GuardedRun>& runs, size_t begin) {
  const auto before = [](const GuardedRun& run, size_t at) { return run.begin < at; };
  const auto found = std::lower_bound(runs.begin(), runs.end(), begin, before);
  return found != runs.end() && found->begin == begin ? &*found : nullptr;
}

void learn_from_run(std::span<const Op> run, KnownCells& cells, KnownValues& values) {
  for (const Op& op : run) {
    switch (op.kind) {
      case OpKind::kSet:
        cells.accessed(op.offset);
        values.set(op.offset, static_cast<uint8_t>(op.arg));
        break;
      case OpKind::kAdd:
        cells.accessed(op.offset);
        if (const std::optional<uint8_t> value = values.get(op.offset)) {
          values.set(op.offset, static_cast<uint8_t>(*value + op.arg));
        }
        break;
      case OpKind::kMulAdd: {
        cells.accessed(op.from);
        const std::optional<uint8_t> counter = values.get(op.from);
        const std::optional<uint8_t> target = values.get(op.offset);
        if (counter == 0) break;  // adds nothing, touches nothing
        if (counter && target) {
          values.set(op.offset, static_cast<uint8_t>(*target + *counter * op.arg));
        } else {
          values.forget(op.offset);
        }
        break;
      }
      default:
        break;  // not in a run
    }
  }
}

}  // namespace bf::jit
