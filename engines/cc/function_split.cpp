#include "engines/cc/function_split.h"

namespace bf::cc {

namespace {

// The size of the sibling starting at op `i`: a whole loop, or one op.
size_t sibling_size(const Program& program, size_t i) {
  const Op& op = program.ops[i];
  return op.kind == OpKind::kLoopBegin ? static_cast<size_t>(op.arg) - i + 1 : 1;
}

// A run of siblings still to be split, and how many loops are open around it.
struct Range {
  size_t first;
  size_t end;
  int depth;
};

}  // namespace

FunctionSplit split_functions(const Program& program, size_t max_ops, int max_depth) {
  const size_t n = program.ops.size();
  FunctionSplit split;
  split.chunks.push_back(Chunk{0, n});
  std::vector<Range> work{{0, n, 0}};
  while (!work.empty()) {
    const Range range = work.back();
    work.pop_back();
    if (range.end - range.first <= max_ops) continue;
    // A range that is one loop needs no function of its own (a chain of nested loops would be a
    // function per level, each costing the compiler more than its few ops): the loop stays in
    // the function around it, and its body is split.
    if (sibling_size(program, range.first) == range.end - range.first) {
      if (program.ops[range.first].kind == OpKind::kLoopBegin && range.depth < max_depth) {
        work.push_back(Range{range.first + 1, range.end - 1, range.depth + 1});
      }
      continue;
    }
    // Greedy: siblings gather into a chunk until the next would make it too long; a loop too long
    // on its own is a chunk of its own, and its body is split in turn.
    size_t group = range.first;
    for (size_t i = range.first; i < range.end; i += sibling_size(program, i)) {
      const size_t size = sibling_size(program, i);
      const bool big_loop = size > max_ops && range.depth < max_depth;
      if (i > group && (big_loop || i - group + size > max_ops)) {
        split.chunks.push_back(Chunk{group, i});
        group = i;
      }
      if (big_loop) {
        split.chunks.push_back(Chunk{i, i + size});
        work.push_back(Range{i + 1, i + size - 1, range.depth + 1});
        group = i + size;
      }
    }
    if (group < range.end) split.chunks.push_back(Chunk{group, range.end});
  }
  split.starts.assign(n + 1, -1);
  std::vector<uint32_t> cuts(n + 1, 0);
  for (size_t c = 0; c < split.chunks.size(); ++c) {
    const Chunk& chunk = split.chunks[c];
    if (c > 0) split.starts[chunk.first] = static_cast<int32_t>(c);
    if (c > 0) cuts[chunk.first] = 1;
    cuts[chunk.end] = 1;
  }
  cuts[n] = 0;  // the program's end is no cut inside it
  split.inside.assign(n + 2, 0);
  for (size_t i = 0; i <= n; ++i) split.inside[i + 1] = split.inside[i] + cuts[i];
  return split;
}

}  // namespace bf::cc
