// Scans: `while cell[p] != 0: p += stride`, and seeks (`while cell[p] != value: p += stride`),
// exact to the cell where the naive engine traps.
#include <cstdlib>

#include "core/runtime/zero_scan.h"
#include "engines/jit/lowerer.h"

namespace bf::jit {

namespace {

// Scan steps per inline group: tested without moving p, each exit adding its distance at once.
constexpr int kScanUnroll = 4;

// Inline groups before a call to the shared zero scan: most scans are short, and those pay no
// call (measured on scans of 8 steps: a call after 4 steps made them 2x slower).
constexpr int kInlineScanGroups = 2;

// A call pays only when each window load tests this many cells (measured: stride 9 scans of
// 16-32 steps, mandelbrot's, are slower called with AVX2's 4 lanes than looping inline).
constexpr int kMinScanLanes = 8;

}  // namespace

// The first test reports '[' (src), later ones ']' (src2).
void Lowerer::scan(const Op& op, bool flags_hold_cell) {
  const Label done = emit_.new_label();
  if (!flags_hold_cell) test_p(op.src);
  emit_.jump_if_zero(done);
  if (std::abs(int64_t{op.arg}) * kScanUnroll > facts_.cells.guard()) {
    // A stride so long that each step needs its own (explicit) check.
    const Label again = emit_.new_label();
    emit_.bind(again);
    facts_.at_join();  // reached again after each step
    emit_.move(op.arg);
    facts_.move(op.arg);
    access(0, op.src2);
    emit_.test(0);
    emit_.jump_if_nonzero(again);
  } else if (zero_scan_lanes(op.arg, preferred_scan_isa()) >= kMinScanLanes) {
    inline_then_call_scan(op, done);
  } else {
    unrolled_scan(op, done);
  }
  emit_.bind(done);
  facts_.at_join();
}

// A seek: a scan for its value (op.from). Stride +-1 calls memchr/memrchr (one_cell_seek) after
// the inline groups, as a zero scan calls its kernel; other strides loop inline (the vector
// kernels find zeros only). Stops on a cell holding that value.
void Lowerer::seek(const Op& op) {
  const Label done = emit_.new_label();
  access(0, op.src);
  emit_.test(0, sought(op));
  emit_.jump_if_zero(done);
  if (std::abs(int64_t{op.arg}) * kScanUnroll > facts_.cells.guard()) {
    const Label again = emit_.new_label();
    emit_.bind(again);
    facts_.at_join();
    emit_.move(op.arg);
    facts_.move(op.arg);
    access(0, op.src2);
    emit_.test(0, sought(op));
    emit_.jump_if_nonzero(again);
  } else if (op.arg == 1 || op.arg == -1) {
    inline_then_call_scan(op, done);
  } else {
    unrolled_scan(op, done);
  }
  emit_.bind(done);
  facts_.at_join();
  facts_.at_exit_on(sought(op));
}

// The value a scan (0) or seek stops on.
uint8_t Lowerer::sought(const Op& op) {
  return op.kind == OpKind::kSeek ? static_cast<uint8_t>(op.from) : uint8_t{0};
}

// One inline group: steps 1..kScanUnroll-1 test p + j*k without moving p, then p moves by
// kScanUnroll*k and tests there (for zero, or a seek's value). Each test is the one the naive engine makes at that step, in the
// same order, so a run off the tape faults at the same cell; all are the ']' (src2). Leaves the
// flags saying whether the cell p now points at is zero.
//   cmp byte [rbx+k], 0; je .s1; cmp byte [rbx+2k], 0; je .s2; cmp byte [rbx+3k], 0; je .s3
//   add rbx, 4k; cmp byte [rbx], 0
// Its exits: scan_exits().
void Lowerer::scan_group(const Op& op, std::span<Label> found) {
  const int32_t k = op.arg;
  for (int j = 1; j < kScanUnroll; ++j) {
    found[j] = emit_.new_label();
    access(j * k, op.src2);
    emit_.test(j * k, sought(op));
    emit_.jump_if_zero(found[j]);
  }
  emit_.move(kScanUnroll * k);
  facts_.move(kScanUnroll * k);
  access(0, op.src2);
  emit_.test(0, sought(op));
}

//   .s3: add rbx, 3k; jmp .done;  .s2: add rbx, 2k; jmp .done;  .s1: add rbx, k; [jmp .done]
// One add per exit, not a chain of them: everything after the scan waits for rbx (measured:
// mandelbrot 2% faster than falling through k-steps).
void Lowerer::scan_exits(const Op& op, std::span<Label> found, Label done, bool falls_into_done) {
  for (int j = kScanUnroll - 1; j >= 1; --j) {
    emit_.bind(found[j]);
    emit_.move(j * op.arg);
    if (j > 1 || !falls_into_done) emit_.jump(done);
  }
}

// The group in a loop:  .again: <group>; jne .again; jmp .done; <exits>
void Lowerer::unrolled_scan(const Op& op, Label done) {
  Label found[kScanUnroll];
  const Label again = emit_.new_label();
  emit_.bind(again);
  facts_.at_join();
  scan_group(op, found);
  emit_.jump_if_nonzero(again);
  emit_.jump(done);
  scan_exits(op, found, done, true);
}

// kInlineScanGroups groups, then the zero scan for k (chosen for this CPU; a seek's
// one_cell_seek) from the next step on:
//   <group>; je .done; <group>; je .done; <scan_call from p+k>; cmp byte [rbx], 0; jmp .done
//   (a seek compares with its value)
//   <exits of each group>
// The zero scan reads only tape cells and returns the zero cell or the first cell of the stride
// off the tape, less than |k| beyond an end, so testing that cell again (src2) faults in the
// guard exactly where the naive engine would report.
void Lowerer::inline_then_call_scan(const Op& op, Label done) {
  Label found[kInlineScanGroups][kScanUnroll];
  for (auto& group : found) {
    scan_group(op, group);
    emit_.jump_if_zero(done);
  }
  if (op.kind == OpKind::kSeek) {
    emit_.scan_call(op.arg, sought(op), one_cell_seek(op.arg));  // ecx: the value, not a stride
  } else {
    emit_.scan_call(op.arg, op.arg, zero_scan_for(op.arg));
  }
  layout_.accesses.mark(emit_.offset(), op.src2);
  emit_.test(0, sought(op));
  emit_.jump(done);
  for (int g = 0; g < kInlineScanGroups; ++g) {
    scan_exits(op, found[g], done, g + 1 == kInlineScanGroups);
  }
}

}  // namespace bf::jit
