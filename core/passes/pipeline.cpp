#include "core/passes/pipeline.h"

#include <algorithm>
#include <iterator>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/parser.h"
#include "core/passes/affine_loops.h"
#include "core/passes/clear_loops.h"
#include "core/passes/collapse_loops.h"
#include "core/passes/dead_loops.h"
#include "core/passes/fold_runs.h"
#include "core/passes/known_cells.h"
#include "core/passes/multiply_loops.h"
#include "core/passes/net_writes.h"
#include "core/passes/offset_addressing.h"
#include "core/passes/pass_switch.h"
#include "core/passes/scan_loops.h"
#include "core/passes/seek_loops.h"
#include "core/passes/set_add_merge.h"

namespace bf {

namespace {

// `run` of a pass that rewrites in place: the rewrite of a copy.
template <Program (*rewrite)(Program)>
Program on_a_copy(const Program& program) {
  return rewrite(program);
}

template <Program (*rewrite)(Program)>
constexpr Pass in_place_pass(std::string_view name, std::string_view description) {
  return Pass{name, description, on_a_copy<rewrite>, rewrite};
}

constexpr Pass kFoldRuns{"fold-runs", "fold runs of +- and <> into one add/move; cancel +-/<> pairs",
                         passes::fold_runs};
constexpr Pass kDeadLoops = in_place_pass<passes::dead_loops>(
    "dead-loops", "remove loops whose cell is known 0 (program start, after a loop/scan/set 0)");
constexpr Pass kClearLoops =
    in_place_pass<passes::clear_loops>("clear-loops", "[-], [+], any odd step -> set 0");
constexpr Pass kScanLoops =
    in_place_pass<passes::scan_loops>("scan-loops", "[>], [<<], ... -> scan with that stride");
constexpr Pass kSeekLoops = in_place_pass<passes::seek_loops>(
    "seek-loops", "walks carrying an amount ([->+], [--<<++], ...) -> seek the value ending it");
constexpr Pass kMultiplyLoops = in_place_pass<passes::multiply_loops>(
    "multiply-loops", "balanced add/move loops with a -1/+1 counter -> muladd per target, set 0");
constexpr Pass kOffsetAddressing = in_place_pass<passes::offset_addressing>(
    "offset-addressing", "defer pointer moves to block ends; ops address p+offset");
constexpr Pass kSetAddMerge = in_place_pass<passes::set_add_merge>(
    "set-add-merge", "fold later adds/sets of a cell into its earlier write in the block");
constexpr Pass kCollapseLoops = in_place_pass<passes::collapse_loops>(
    "collapse-loops", "counted loops of constant adds and resets run their body once");

constexpr Pass kAffineLoops = in_place_pass<passes::affine_loops>(
    "affine-loops", "counted loops adding multiples of unchanged cells -> one turn, then products");

constexpr Pass kKnownCells{"known-cells",
                           "fold ops on cells of known value, facts carried through loops",
                           passes::known_cells};

constexpr Pass kNetWrites{"net-writes",
                          "runs of adds/sets/muladds on cells known on the tape -> net change per cell",
                          passes::net_writes};

constexpr Pass kO1[] = {kFoldRuns};
constexpr Pass kO2[] = {kFoldRuns, kDeadLoops, kClearLoops, kScanLoops};
// O3 leaves dead loops to known-cells, which finds all that dead-loops does and more. Offset
// addressing runs again after it (the loops it inlines leave moves inside a block), then
// net-writes, and set-add-merge last: the sets they make often fold with a later write of the
// same cell.
constexpr Pass kO3[] = {kFoldRuns,         kClearLoops,       kScanLoops,  kMultiplyLoops,
                        kOffsetAddressing, kSeekLoops,        kSetAddMerge, kCollapseLoops,
                        kAffineLoops,      kKnownCells,       kOffsetAddressing, kNetWrites,
                        kSetAddMerge};

// One row per level; each row lists that level's passes in order.
constexpr std::span<const Pass> kLevels[kMaxLevel + 1] = {{}, kO1, kO2, kO3};

// O3's last six passes repeat: collapse-loops (and affine-loops after it) turns a counted loop
// into one that runs at most once, known-cells inlines such a loop where it proves it entered
// (facts that hold at every head of the loop around it), and the next collapse-loops can then
// collapse that enclosing loop: one
// nesting level a round. Only a round that removes a loop can leave a loop body that the next
// collapse-loops finds straight-line, so the rounds stop at the first that removes none; the bound
// keeps the optimizer's cost a small multiple of one round.
constexpr Rounds kLevelRounds[kMaxLevel + 1] = {{}, {}, {}, {std::size(kO3) - 6, 12}};

// BFBENCH_DISABLED_PASS (a CMake cache variable) names a pass to skip at every level: the
// regression gate's tests build with it to inject a known slowdown.
#ifdef BFBENCH_DISABLED_PASS
constexpr std::string_view kDisabledPass = BFBENCH_DISABLED_PASS;
#else
constexpr std::string_view kDisabledPass = "";
#endif

constexpr bool names_a_pass(std::string_view name) {
  for (const std::span<const Pass> level : kLevels) {
    for (const Pass& pass : level) {
      if (pass.name == name) return true;
    }
  }
  return false;
}
static_assert(kDisabledPass.empty() || names_a_pass(kDisabledPass),
              "BFBENCH_DISABLED_PASS names no pass (see `bfbench ir --passes`)");

}  // namespace

std::span<const Pass> passes_for_level(int level) {
  if (level < 0 || level > kMaxLevel) throw std::out_of_range("no optimization level O" + std::to_string(level));
  return kLevels[level];
}

std::span<const Pass> all_passes() {
  static const std::vector<Pass> unique = [] {
    std::vector<Pass> passes;
    for (const std::span<const Pass> level : kLevels) {
      for (const Pass& pass : level) {
        bool seen = false;
        for (const Pass& known : passes) seen = seen || known.name == pass.name;
        if (!seen) passes.push_back(pass);
      }
    }
    return passes;
  }();
  return unique;
}

Rounds rounds_for_level(int level) {
  passes_for_level(level);  // the range check
  return kLevelRounds[level];
}

std::string_view disabled_pass() { return kDisabledPass; }

namespace {

Program run_each(Program program, std::span<const Pass> passes, const PassObserver& observer,
                 bool check) {
  for (const Pass& pass : passes) {
    if (pass.name == kDisabledPass || !pass_enabled(pass.name)) continue;  // pass_switch.h
    Program next = pass.rewrite != nullptr && !observer ? pass.rewrite(std::move(program))
                                                        : pass.run(program);
    if (check) {
      if (const std::string problem = verify(next); !problem.empty()) {
        throw std::logic_error("pass " + std::string(pass.name) + " broke the IR: " + problem);
      }
    }
    if (observer) observer(pass, program, next);
    program = std::move(next);
  }
  return program;
}

size_t loop_count(const Program& program) {
  const auto is_loop = [](const Op& op) { return op.kind == OpKind::kLoopBegin; };
  return static_cast<size_t>(std::count_if(program.ops.begin(), program.ops.end(), is_loop));
}

// Runs `passes`, then its tail from rounds.first again while a round removes a loop.
Program run_passes(Program program, std::span<const Pass> passes, Rounds rounds,
                   const PassObserver& observer, bool check) {
  const std::span<const Pass> tail = passes.subspan(std::min(rounds.first, passes.size()));
  const std::span<const Pass> head = passes.first(passes.size() - tail.size());
  program = run_each(std::move(program), head, observer, check);
  for (int round = 0; round < rounds.max && !tail.empty(); ++round) {
    const size_t loops = loop_count(program);
    program = run_each(std::move(program), tail, observer, check);
    if (loop_count(program) == loops) break;
  }
  return program;
}

}  // namespace

Program optimize(Program program, int level, const PassObserver& observer, bool check) {
  return run_passes(std::move(program), passes_for_level(level), rounds_for_level(level), observer,
                    check);
}

Program parse_and_optimize(const Source& source, int level, bool check) {
  const std::span<const Pass> passes = passes_for_level(level);
  const bool folds_first = !passes.empty() && passes.front().name == kFoldRuns.name &&
                           kFoldRuns.name != kDisabledPass && pass_enabled(kFoldRuns.name);
  Rounds rounds = rounds_for_level(level);
  if (!folds_first) return run_passes(parse(source), passes, rounds, {}, check);
  rounds.first -= std::min<size_t>(rounds.first, 1);
  return run_passes(parse(source, {.fold_runs = true}), passes.subspan(1), rounds, {}, check);
}

}  // namespace bf
