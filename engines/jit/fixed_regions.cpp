#include "engines/jit/fixed_regions.h"

#include <algorithm>
#include <map>

namespace bf::jit {

namespace {

// Whether an op moves p or calls the runtime.
bool unfixes(OpKind kind) {
  switch (kind) {
    case OpKind::kMove:
    case OpKind::kScan:
    case OpKind::kSeek:
    case OpKind::kOut:
    case OpKind::kIn:
    case OpKind::kProduct:  // reads its factors from memory, where a region's cells are not
      return true;
    case OpKind::kAdd:
    case OpKind::kSet:
    case OpKind::kLoopBegin:
    case OpKind::kLoopEnd:
    case OpKind::kMulAdd:
      break;
  }
  return false;
}

// fixed[i] for every LoopBegin i: its loop keeps p fixed and calls nothing. One pass with a stack
// (a loop that is not fixed makes its enclosing loops not fixed), so a million nested loops cost a
// million steps, not a million squared.
std::vector<bool> fixed_loops(const std::vector<Op>& ops) {
  std::vector<bool> fixed(ops.size(), false);
  std::vector<std::pair<size_t, bool>> open;  // LoopBegin index, fixed so far
  for (size_t i = 0; i < ops.size(); ++i) {
    if (ops[i].kind == OpKind::kLoopBegin) {
      open.emplace_back(i, true);
    } else if (ops[i].kind == OpKind::kLoopEnd) {
      if (open.empty()) continue;
      const auto [begin, is_fixed] = open.back();
      open.pop_back();
      fixed[begin] = is_fixed;
      if (!is_fixed && !open.empty()) open.back().second = false;
    } else if (unfixes(ops[i].kind) && !open.empty()) {
      open.back().second = false;
    }
  }
  return fixed;
}

// A loop that runs once per entry ([-]-like resets) gains nothing from registers loaded and stored
// around it; one that counts its own cell, or holds another loop, iterates.
bool worth_caching(const std::vector<Op>& ops, size_t begin, size_t end) {
  for (size_t i = begin + 1; i < end; ++i) {
    if (ops[i].kind == OpKind::kLoopBegin) return true;
    if (ops[i].kind == OpKind::kAdd && ops[i].offset == 0) return true;
  }
  return false;
}

std::vector<PinnedCell> choose_cells(const std::vector<Op>& ops, size_t begin, size_t end) {
  // Uses weighted by nesting depth inside the region: inner loops run more often.
  std::map<int32_t, uint64_t> weight;
  std::map<int32_t, bool> written;
  uint64_t depth_weight = 1;
  for (size_t i = begin; i <= end; ++i) {
    const Op& op = ops[i];
    switch (op.kind) {
      case OpKind::kLoopBegin:
        weight[0] += depth_weight;
        depth_weight = std::min<uint64_t>(depth_weight * 8, uint64_t{1} << 40);
        break;
      case OpKind::kLoopEnd:
        weight[0] += depth_weight;
        depth_weight = std::max<uint64_t>(depth_weight / 8, 1);
        break;
      case OpKind::kAdd:
      case OpKind::kSet:
        weight[op.offset] += depth_weight;
        written[op.offset] = true;
        break;
      case OpKind::kMulAdd:
        weight[op.from] += depth_weight;
        weight[op.offset] += depth_weight;
        written[op.offset] = true;
        break;
      case OpKind::kMove:
      case OpKind::kScan:
      case OpKind::kSeek:
      case OpKind::kOut:
      case OpKind::kIn:
      case OpKind::kProduct:
        break;  // not in a fixed region
    }
  }
  std::vector<std::pair<int32_t, uint64_t>> ranked(weight.begin(), weight.end());
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  std::vector<PinnedCell> cells;
  for (const auto& [offset, w] : ranked) {
    if (static_cast<int>(cells.size()) == kCellRegisters) break;
    cells.push_back(PinnedCell{offset, written[offset]});
  }
  std::sort(cells.begin(), cells.end(),
            [](const PinnedCell& a, const PinnedCell& b) { return a.offset < b.offset; });
  return cells;
}

}  // namespace

std::vector<FixedRegion> find_fixed_regions(const Program& program) {
  const std::vector<Op>& ops = program.ops;
  const std::vector<bool> fixed = fixed_loops(ops);
  std::vector<FixedRegion> regions;
  for (size_t i = 0; i < ops.size(); ++i) {
    if (ops[i].kind != OpKind::kLoopBegin || !fixed[i]) continue;
    const auto end = static_cast<size_t>(ops[i].arg);
    if (end <= i || end >= ops.size()) continue;  // not linked; leave it to the plain code
    // Scanned once: the loops inside a region are skipped below, whether it qualifies or not.
    if (worth_caching(ops, i, end)) {
      regions.push_back(FixedRegion{i, end, choose_cells(ops, i, end)});
    }
    i = end;  // loops inside belong to this region, or are not worth it either
  }
  return regions;
}

}  // namespace bf::jit
