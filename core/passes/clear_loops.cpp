// clear-loops (O2): odd-step clear loops -> Set 0.
#include "core/passes/clear_loops.h"

#include "core/passes/pass_support.h"

namespace bf::passes {

namespace {

bool is_clear_loop(const std::vector<Op>& ops, size_t i) {
  return i + 2 < ops.size() && ops[i].kind == OpKind::kLoopBegin &&
         ops[i + 1].kind == OpKind::kAdd && ops[i + 1].offset == 0 && (ops[i + 1].arg & 1) != 0 &&
         ops[i + 2].kind == OpKind::kLoopEnd;
}

}  // namespace

Program clear_loops(Program program) {
  const std::vector<Op>& ops = program.ops;
  InPlaceOutput out(program.ops);
  for (size_t i = 0; i < ops.size(); ++i) {
    if (is_clear_loop(ops, i)) {
      out.push_back(Op{.kind = OpKind::kSet, .arg = 0, .offset = 0, .src = ops[i].src});
      i += 2;
    } else {
      out.push_back(ops[i]);
    }
  }
  out.finish();
  link_loops(program);
  return program;
}

}  // namespace bf::passes
