// scan-loops (O2): move-only loops -> Scan.
#include "core/passes/scan_loops.h"

#include "core/passes/pass_support.h"

namespace bf::passes {

Program scan_loops(Program program) {
  const std::vector<Op>& ops = program.ops;
  InPlaceOutput out(program.ops);
  for (size_t i = 0; i < ops.size(); ++i) {
    const bool scan = i + 2 < ops.size() && ops[i].kind == OpKind::kLoopBegin &&
                      ops[i + 1].kind == OpKind::kMove && ops[i + 2].kind == OpKind::kLoopEnd;
    if (scan) {
      out.push_back(Op{.kind = OpKind::kScan,
                       .arg = ops[i + 1].arg,
                       .src = ops[i].src,
                       .src2 = ops[i + 2].src});
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
