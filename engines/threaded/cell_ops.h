// The work of each handler on the tape, as inline functions the dispatch loop composes: every
// access checked, and a fault (cell, slot, which source) returned instead of a trap.
#pragma once

#include <cstdint>
#include <cstring>

#include "engines/threaded/instruction.h"

namespace bf::threaded {

// Where a run fell off the tape: the cell accessed, and the slot and field of Sources to report.
struct Fault {
  enum Field : uint8_t { kSrc, kSrc2, kTestSrc };
  int64_t cell = 0;
  const Inst* at = nullptr;
  Field field = kSrc;
};

// One unsigned compare covers both ends of the tape: a negative cell wraps to a huge value.
inline bool on_tape(int64_t cell, uint64_t size) { return static_cast<uint64_t>(cell) < size; }

// The work of the instructions that may take over a loop test. Each returns false, with the
// fault filled in, when an access falls off the tape.
[[gnu::always_inline]] inline bool run_add(const Inst* ip, uint8_t* cells, int64_t p,
                                           uint64_t size, Fault& fault) {
  const int64_t cell = p + ip->offset;
  if (!on_tape(cell, size)) [[unlikely]] {
    fault = {cell, ip, Fault::kSrc};
    return false;
  }
  cells[cell] = static_cast<uint8_t>(cells[cell] + ip->arg);
  return true;
}

[[gnu::always_inline]] inline bool run_set(const Inst* ip, uint8_t* cells, int64_t p,
                                           uint64_t size, Fault& fault) {
  const int64_t cell = p + ip->offset;
  if (!on_tape(cell, size)) [[unlikely]] {
    fault = {cell, ip, Fault::kSrc};
    return false;
  }
  cells[cell] = static_cast<uint8_t>(ip->arg);
  return true;
}

// The write slots after a kWrites header, in order: cell = (cell & keep) + value. kSlots > 0
// fixes their number at compile time (the loop unrolls); 0 reads it from the header.
template <int kSlots>
[[gnu::always_inline]] inline bool run_writes(const Inst* header, uint8_t* cells, int64_t p,
                                              uint64_t size, Fault& fault) {
  const Inst* const end = header + 1 + (kSlots > 0 ? kSlots : header->arg);
  for (const Inst* slot = header + 1; slot != end; ++slot) {
    const int64_t cell = p + slot->offset;
    if (!on_tape(cell, size)) [[unlikely]] {
      fault = {cell, slot, Fault::kSrc};
      return false;
    }
    cells[cell] = static_cast<uint8_t>((cells[cell] & slot->keep) + slot->value);
  }
  return true;
}

// A multiply group: the counter read (at the loop's '['), then, if it is non-zero, every target
// in order; with kSetsCounter the counter is then overwritten (its read proved it on the tape).
template <bool kSetsCounter>
[[gnu::always_inline]] inline bool run_multiply(const Inst* header, uint8_t* cells, int64_t p,
                                                uint64_t size, Fault& fault) {
  const int64_t counter = p + header->from;
  if (!on_tape(counter, size)) [[unlikely]] {
    fault = {counter, header, Fault::kSrc2};
    return false;
  }
  const uint8_t times = cells[counter];
  if (times != 0) {
    const Inst* const end = header + 1 + header->arg;
    for (const Inst* slot = header + 1; slot != end; ++slot) {
      const int64_t target = p + slot->offset;
      if (!on_tape(target, size)) [[unlikely]] {
        fault = {target, slot, Fault::kSrc};
        return false;
      }
      cells[target] = static_cast<uint8_t>(cells[target] + times * slot->arg);
    }
  }
  if constexpr (kSetsCounter) cells[counter] = header->value;
  return true;
}

// A scan from p (on the tape, not `sought`) by `stride`, four tests per bounds check for as long
// as the fourth step ahead is still on the tape (so are the three between). Returns the cell
// holding `sought` (0 for a scan, a kSeek's value) it found, or the last cell it reached near the tape's end, where the caller's checked single
// steps take over.
[[gnu::always_inline]] inline int64_t scan_ahead(const uint8_t* cells, uint64_t size, int64_t p,
                                                 int64_t stride, uint8_t sought = 0) {
  const int64_t four = 4 * stride;
  const int64_t end = static_cast<int64_t>(size);
  while (stride > 0 ? p + four < end : p + four >= 0) {
    const uint8_t* here = cells + p;
    if (here[stride] == sought) return p + stride;
    if (here[2 * stride] == sought) return p + 2 * stride;
    if (here[3 * stride] == sought) return p + 3 * stride;
    p += four;
    if (cells[p] == sought) return p;
  }
  return p;
}

// Scans and seeks of stride +-1 (memchr, memrchr): moves p (on the tape) to the first cell at or
// right of it holding `value` and returns true, or, if there is none, to `size` -- the first test
// off the tape, where the caller traps -- and returns false. (A bool, not only p: the caller's
// branch is then memchr's own null test.)
[[gnu::always_inline]] inline bool find_right(const uint8_t* cells, uint64_t size, int64_t& p,
                                              uint8_t value) {
  const void* found = std::memchr(cells + p, value, size - static_cast<uint64_t>(p));
  if (found == nullptr) {
    p = static_cast<int64_t>(size);
    return false;
  }
  p = static_cast<const uint8_t*>(found) - cells;
  return true;
}

// As find_right, leftwards: p goes to -1 if no cell at or left of it holds `value`.
[[gnu::always_inline]] inline bool find_left(const uint8_t* cells, int64_t& p, uint8_t value) {
  const void* found = ::memrchr(cells, value, static_cast<size_t>(p) + 1);
  if (found == nullptr) {
    p = -1;
    return false;
  }
  p = static_cast<const uint8_t*>(found) - cells;
  return true;
}

// A one-target multiply, all inline in the instruction; with kSetsCounter, then the Set of its
// counter.
template <bool kSetsCounter>
[[gnu::always_inline]] inline bool run_multiply1(const Inst* ip, uint8_t* cells, int64_t p,
                                                 uint64_t size, Fault& fault) {
  const int64_t counter = p + ip->from;
  if (!on_tape(counter, size)) [[unlikely]] {
    fault = {counter, ip, Fault::kSrc2};
    return false;
  }
  const uint8_t times = cells[counter];
  if (times != 0) {
    const int64_t target = p + ip->offset;
    if (!on_tape(target, size)) [[unlikely]] {
      fault = {target, ip, Fault::kSrc};
      return false;
    }
    cells[target] = static_cast<uint8_t>(cells[target] + times * ip->arg);
  }
  if constexpr (kSetsCounter) cells[counter] = ip->value;
  return true;
}

// The slots of a kBlockLoop, in order, when the window check proved every cell they touch on the
// tape: one uniform step per slot, no branch, since adding 0 * factor to an existing cell is
// harmless and a write slot reads its own target as `from` with factor 0.
[[gnu::always_inline]] inline void run_block_unchecked(const Inst* slot, const Inst* end,
                                                       uint8_t* here) {
  for (; slot != end; ++slot) {
    uint8_t& target = here[slot->offset];
    target = static_cast<uint8_t>((target & slot->keep) + slot->value +
                                  here[slot->from] * slot->arg);
  }
}

// The same slots with every access checked in the order the ops make them: a multiply reads its
// counter (trap at src2) and touches its target (trap at src) only when the counter is non-zero.
[[gnu::always_inline]] inline bool run_block_checked(const Inst* slot, const Inst* end,
                                                     uint8_t* cells, int64_t p, uint64_t size,
                                                     Fault& fault) {
  for (; slot != end; ++slot) {
    uint8_t times = 0;
    if (slot->multiplies) {
      const int64_t counter = p + slot->from;
      if (!on_tape(counter, size)) {
        fault = {counter, slot, Fault::kSrc2};
        return false;
      }
      times = cells[counter];
      if (times == 0) continue;
    }
    const int64_t target = p + slot->offset;
    if (!on_tape(target, size)) {
      fault = {target, slot, Fault::kSrc};
      return false;
    }
    cells[target] = static_cast<uint8_t>((cells[target] & slot->keep) + slot->value +
                                         times * slot->arg);
  }
  return true;
}

}  // namespace bf::threaded
