// Scans: `while cell[p] != 0: p += stride`, exact to the cell where the naive engine traps.
#include <cstdlib>

#include "engines/jit/lowerer.h"

namespace bf::jit {

namespace {

// Scan steps per iteration of a strided scan loop (see unrolled_scan).
constexpr int kScanUnroll = 4;

}  // namespace

// The first test reports '[' (src), later ones ']' (src2).
void Lowerer::scan(const Op& op, bool flags_hold_cell) {
  const Label done = emit_.new_label();
  if (!flags_hold_cell) test_p(op.src);
  emit_.jump_if_zero(done);
  if (op.arg == 1 || op.arg == -1) {
    // The helper stops at the tape's end (or one before its begin); testing that cell again
    // faults in the guard exactly where the naive engine would report.
    emit_.scan_call(op.arg == 1);
    layout_.accesses.mark(emit_.offset(), op.src2);
    emit_.test(0);
  } else if (std::abs(int64_t{op.arg}) * kScanUnroll <= facts_.cells.guard()) {
    unrolled_scan(op, done);
  } else {
    // A stride so long that each step needs its own (explicit) check.
    const Label again = emit_.new_label();
    emit_.bind(again);
    facts_.at_join();  // reached again after each step
    emit_.move(op.arg);
    facts_.move(op.arg);
    access(0, op.src2);
    emit_.test(0);
    emit_.jump_if_nonzero(again);
  }
  emit_.bind(done);
  facts_.at_join();
}

// Scan steps 1..kScanUnroll-1 test p + j*stride without moving p; the last one moves and loops.
// Each test is the one the naive engine makes at that step, in the same order, so a run off the
// tape faults at the same cell; all are the ']' (src2).
//   .again: cmp byte [rbx+k], 0; je .s1; cmp byte [rbx+2k], 0; je .s2; cmp byte [rbx+3k], 0
//           je .s3; add rbx, 4k; cmp byte [rbx], 0; jne .again; jmp .done
//   .s3: add rbx, 3k; jmp .done;  .s2: add rbx, 2k; jmp .done;  .s1: add rbx, k;  .done:
void Lowerer::unrolled_scan(const Op& op, Label done) {
  const int32_t k = op.arg;
  Label found[kScanUnroll];
  const Label again = emit_.new_label();
  emit_.bind(again);
  facts_.at_join();
  for (int j = 1; j < kScanUnroll; ++j) {
    found[j] = emit_.new_label();
    access(j * k, op.src2);
    emit_.test(j * k);
    emit_.jump_if_zero(found[j]);
  }
  emit_.move(kScanUnroll * k);
  facts_.move(kScanUnroll * k);
  access(0, op.src2);
  emit_.test(0);
  emit_.jump_if_nonzero(again);
  emit_.jump(done);
  // One add per exit, not a chain of them: everything after the scan waits for rbx (measured:
  // mandelbrot 2% faster than falling through k-steps).
  for (int j = kScanUnroll - 1; j >= 1; --j) {
    emit_.bind(found[j]);
    emit_.move(j * k);
    if (j > 1) emit_.jump(done);
  }
}

}  // namespace bf::jit
