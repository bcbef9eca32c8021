// Op: one instruction of the shared IR, the unit every pass rewrites and every engine executes.
#pragma once

#include <cstdint>
#include <string_view>

namespace bf {

// The semantics of each kind are defined once, by the reference interpreter
// (core/reference_interpreter.cpp, the naive engine), and every other engine must match it byte
// for byte, trap for trap.
//
// Tape accesses, not pointer moves, are what can trap: an op that reads or writes a cell outside
// the tape stops the run and names the source byte of that access. A Move alone never traps; the
// next access does. Optimizing passes keep the order of accesses, so every level traps at the same
// source position.
enum class OpKind : uint8_t {
  kAdd,        // cell[p+offset] += arg                   (mod 256)
  kMove,       // p += arg                                (never accesses a cell)
  kOut,        // write cell[p+offset]
  kIn,         // cell[p+offset] = next input byte, or the EOF policy's value
  kLoopBegin,  // if cell[p] == 0: continue after the matching kLoopEnd (arg = its index)
  kLoopEnd,    // if cell[p] != 0: continue after the matching kLoopBegin (arg = its index)
  kSet,        // cell[p+offset] = arg
  kScan,       // while cell[p] != 0: p += arg            (first test at src, later ones at src2)
  kMulAdd,     // if cell[p+from] != 0: cell[p+offset] += cell[p+from] * arg
               //   (the counter is read at src2, the target is written at src)
  kSeek,       // while cell[p] != from: p += arg         (from: the value sought, 1..255; first
               //   test at src, later ones at src2; see core/passes/seek_loops.h)
  kProduct,    // if cell[p+from] != 0 and cell[p+second] != 0:
               //   cell[p+offset] += cell[p+from] * cell[p+second] * factor   (mod 256)
               //   (both factors are read at src2, the target is written at src; `second` and
               //   `factor` are packed into arg: see product_second and product_factor below;
               //   core/passes/affine_loops.h makes it)
};

inline constexpr int kOpKindCount = 11;

// The ops that count as a step against --max-steps: every executed loop test. Counting only these
// bounds run time (between two loop tests a program runs at most its own length, a scan at most
// the tape's), and an optimized program never executes more of them than its O0 form: passes
// remove loops, never add them, and a loop they keep iterates no more often than before (the
// collapse-loops pass makes a counted loop run its body once). So a program
// that finishes within N steps at O0 finishes within N steps on every engine at every level.
constexpr bool is_loop_test(OpKind kind) {
  return kind == OpKind::kLoopBegin || kind == OpKind::kLoopEnd;
}

// Bytes of source an op can point into: src and src2 are 28 bits wide. The parser refuses a longer
// source with an error naming this limit.
inline constexpr uint32_t kMaxSourceBytes = uint32_t{1} << 28;

// 16 bytes, so a program that does not fold (one op per command) costs 16 bytes per command. The
// narrow fields hold every value the IR allows: offsets within +-kMaxOffset (core/program.h, which
// passes check with offset_fits() before they make one) and source bytes below kMaxSourceBytes.
// Packed: `kind` and `arg` share the first 5 bytes; the bit-fields are byte-aligned except src and
// src2, which only traps read. Fields read like ints (`auto x = op.offset` is an int32_t), but a
// non-const reference cannot bind to one: copy, change and assign back. `arg` is a bit-field of
// its full width for the same reason: at byte 1 it is misaligned, and a const reference bound to
// it (EXPECT_EQ, std::min) would be undefined behaviour; to a bit-field it binds to a copy.
struct [[gnu::packed]] Op {
  OpKind kind = OpKind::kAdd;
  int32_t arg : 32 = 0;     // amount, distance, value, stride, factor, or matching loop index
  int32_t offset : 16 = 0;  // the cell addressed, relative to the tape pointer p
  int32_t from : 16 = 0;    // kMulAdd: the counter cell, relative to p
  uint32_t src : 28 = 0;    // byte offset of the source command this op's main access comes from
  uint32_t src2 : 28 = 0;   // kScan: byte of the loop's ']'; kMulAdd: byte of the loop's '['

  bool operator==(const Op&) const = default;
};

static_assert(sizeof(Op) == 16);

// A kProduct has three cells and a factor, one field more than an Op holds: its arg packs the
// second factor's offset (16 bits, signed, like `from`) above the factor's byte.
constexpr int32_t product_arg(int32_t second, int32_t factor) {
  return static_cast<int32_t>(static_cast<uint32_t>(second) << 8 |
                              (static_cast<uint32_t>(factor) & 0xff));
}
constexpr int32_t product_second(const Op& op) { return op.arg >> 8; }  // arithmetic shift
constexpr uint8_t product_factor(const Op& op) { return static_cast<uint8_t>(op.arg & 0xff); }

std::string_view op_kind_name(OpKind kind);

}  // namespace bf
