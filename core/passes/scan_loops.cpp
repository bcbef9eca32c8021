// scan-loops (O2): move-only loops -> Scan.
#include "core/passes/scan_loops.h"

namespace bf::passes {

Program scan_loops(const Program& program) {
  Program out;
  out.ops.reserve(program.ops.size());
  const std::vector<Op>& ops = program.ops;
  for (size_t i = 0; i < ops.size(); ++i) {
    const bool scan = i + 2 < ops.size() && ops[i].kind == OpKind::kLoopBegin &&
                      ops[i + 1].kind == OpKind::kMove && ops[i + 2].kind == OpKind::kLoopEnd;
    if (scan) {
      out.ops.push_back(Op{.kind = OpKind::kScan,
                           .arg = ops[i + 1].arg,
                           .src = ops[i].src,
                           .src2 = ops[i + 2].src});
      i += 2;
    } else {
      out.ops.push_back(ops[i]);
    }
  }
  link_loops(out);
  return out;
}

}  // namespace bf::passes
