// seek-loops (O3): `[->+]`-shaped walking loops -> a once-loop around a kSeek.
#include "core/passes/seek_loops.h"

#include <optional>

#include "core/passes/pass_support.h"

namespace bf::passes {

namespace {

// The adds of a walking loop starting at ops[i]: the one lending k from cell[p] and the one
// returning it at the cell p moves to.
struct Walk {
  Op take;   // cell[p] -= k
  Op give;   // cell[p+s] += k
  Op move;   // p += s
};

std::optional<Walk> walk_at(const std::vector<Op>& ops, size_t i) {
  if (i + 4 >= ops.size() || ops[i].kind != OpKind::kLoopBegin) return std::nullopt;
  const Op& first = ops[i + 1];
  const Op& second = ops[i + 2];
  const Op& move = ops[i + 3];
  if (first.kind != OpKind::kAdd || second.kind != OpKind::kAdd || move.kind != OpKind::kMove ||
      ops[i + 4].kind != OpKind::kLoopEnd) {
    return std::nullopt;
  }
  const bool take_first = first.offset == 0;
  const Op& take = take_first ? first : second;
  const Op& give = take_first ? second : first;
  if (take.offset != 0 || give.offset != move.arg || move.arg == 0) return std::nullopt;
  if (wrap_unsigned(take.arg) == 0 || wrap_unsigned(int64_t{take.arg} + give.arg) != 0) {
    return std::nullopt;
  }
  return Walk{take, give, move};
}

}  // namespace

Program seek_loops(Program program) {
  const std::vector<Op>& ops = program.ops;
  bool any = false;
  for (size_t i = 0; i < ops.size() && !any; ++i) any = walk_at(ops, i).has_value();
  if (!any) return program;
  Program out;
  out.ops.reserve(ops.size() + ops.size() / 4);
  for (size_t i = 0; i < ops.size(); ++i) {
    const std::optional<Walk> walk = walk_at(ops, i);
    if (!walk) {
      out.ops.push_back(ops[i]);
      continue;
    }
    const uint32_t give_src = walk->give.src;
    out.ops.push_back(ops[i]);  // the '[': the first test, as before
    out.ops.push_back(walk->take);
    out.ops.push_back(walk->move);
    out.ops.push_back(Op{.kind = OpKind::kSeek,
                         .arg = walk->move.arg,
                         .from = wrap_unsigned(walk->take.arg),
                         .src = give_src,
                         .src2 = give_src});
    out.ops.push_back(Op{.kind = OpKind::kSet, .arg = 0, .offset = 0, .src = give_src});
    out.ops.push_back(ops[i + 4]);  // the ']', which now always falls through
    i += 4;
  }
  link_loops(out);
  return out;
}

}  // namespace bf::passes
