#include "engines/jit/guarded_runs.h"

#include <algorithm>
#include <optional>

#include "core/passes/net_writes.h"

namespace bf::jit {

namespace {

bool in_run(OpKind kind) {
  return kind == OpKind::kAdd || kind == OpKind::kSet || kind == OpKind::kMulAdd;
}

// The run [begin, end] as a guarded run, if its net form saves enough.
std::optional<GuardedRun> guarded(const std::vector<Op>& ops, size_t begin, size_t end) {
  const std::span<const Op> run(ops.data() + begin, end - begin + 1);
  if (run.size() <= kGuardedRunSaving) return std::nullopt;
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
