#include "engines/cc/loop_shape.h"

#include <algorithm>

namespace bf::cc {

namespace {

// A loop still open during the walk. Positions are "virtual" (the sum of every move so far, as if
// each loop ran once), which is exact relative to the loop's start whenever the loop is fixed.
struct OpenLoop {
  size_t begin;
  int64_t start;  // virtual position of the loop's test
  int64_t sure_min;
  int64_t sure_max;
  bool moving;  // holds a scan or a moving loop: not fixed, whatever its own moves add up to
};

}  // namespace

std::vector<LoopShape> analyze_loops(const Program& program) {
  std::vector<LoopShape> shapes(program.ops.size());
  std::vector<OpenLoop> open;
  int64_t position = 0;
  const auto touch = [&](int64_t cell) {
    if (open.empty()) return;
    open.back().sure_min = std::min(open.back().sure_min, cell);
    open.back().sure_max = std::max(open.back().sure_max, cell);
  };
  for (size_t i = 0; i < program.ops.size(); ++i) {
    const Op& op = program.ops[i];
    switch (op.kind) {
      case OpKind::kAdd:
      case OpKind::kOut:
      case OpKind::kIn:
      case OpKind::kSet:
        touch(position + op.offset);
        break;
      case OpKind::kMulAdd:
      case OpKind::kProduct:
        touch(position + op.from);
        break;
      case OpKind::kMove:
        position += op.arg;
        break;
      case OpKind::kScan:
      case OpKind::kSeek:
        if (!open.empty()) open.back().moving = true;
        break;
      case OpKind::kLoopBegin:
        touch(position);
        open.push_back(OpenLoop{i, position, position, position, false});
        break;
      case OpKind::kLoopEnd: {
        if (open.empty()) break;  // verify() rejects this; stay total anyway
        const OpenLoop loop = open.back();
        open.pop_back();
        LoopShape& shape = shapes[loop.begin];
        shape.fixed = !loop.moving && position == loop.start;
        if (shape.fixed) {
          shape.sure_min = loop.sure_min - loop.start;
          shape.sure_max = loop.sure_max - loop.start;
        } else if (!open.empty()) {
          open.back().moving = true;
        }
        break;
      }
    }
  }
  return shapes;
}

}  // namespace bf::cc
