// The dispatch loop: one label per handler, each ending in `goto *ip->handler`, so every handler
// has its own indirect jump (and its own branch-predictor history) -- no central switch.
#include "engines/threaded/dispatch.h"

#include <cstring>

namespace bf::threaded {

namespace {

// One loop test against the budget. A relaxed load and store rather than an atomic decrement (a
// locked instruction per loop test): the watchdog keeps storing 0 until the run ends, so losing
// one of its stores to ours only delays the stop by one watchdog period.
inline bool take_step(RunState& state) {
  const int64_t left = state.budget.load(std::memory_order_relaxed);
  if (left <= 0) return false;
  state.budget.store(left - 1, std::memory_order_relaxed);
  return true;
}

// The targets of a multiply group: adds `times * factor` to each, in order. Returns the slot
// whose target lies off the tape (the trap), or null when all were done.
inline const Inst* add_products(const Inst* slot, int32_t count, uint8_t* cells, int64_t p,
                                uint64_t size, uint8_t times) {
  for (const Inst* const end = slot + count; slot != end; ++slot) {
    const int64_t target = p + slot->offset;
    if (static_cast<uint64_t>(target) >= size) [[unlikely]] return slot;
    cells[target] = static_cast<uint8_t>(cells[target] + times * slot->arg);
  }
  return nullptr;
}

// Jumps to the handler of the instruction `ip` points at: the dispatch that ends every handler.
#define BF_DISPATCH() goto *ip->handler

// Ends the run with a trap naming `source` unless `cell` lies on the tape. One unsigned compare
// covers both ends: a negative cell wraps to a huge value.
#define BF_CHECK(cell, source)                                   \
  do {                                                           \
    if (static_cast<uint64_t>(cell) >= size) [[unlikely]] {      \
      trap_cell = (cell);                                        \
      trap_src = (source);                                       \
      goto trap;                                                 \
    }                                                            \
  } while (0)

// Counts one loop test in the step-counting variant; compiles to nothing in the other.
#define BF_STEP()                                   \
  do {                                              \
    if constexpr (kCountSteps) {                    \
      if (!take_step(*state)) goto out_of_steps;    \
    }                                               \
  } while (0)

// Both the loop and its label table, because label addresses exist only inside their function.
// Never inlined or cloned: a copy would have labels at other addresses than the table says.
template <bool kCountSteps>
[[gnu::noinline, gnu::noclone]] RunResult interpret(const Inst* code, uint8_t* cells,
                                                    uint64_t size, RunState* state,
                                                    HandlerTable* table) {
  if (table != nullptr) {
    for (int h = 0; h < kHandlerCount; ++h) {
      const void* address = nullptr;
      switch (static_cast<Handler>(h)) {
        case Handler::kHalt: address = &&halt; break;
        case Handler::kAdd: address = &&add; break;
        case Handler::kSet: address = &&set; break;
        case Handler::kMove: address = &&move; break;
        case Handler::kOut: address = &&out; break;
        case Handler::kIn: address = &&in; break;
        case Handler::kLoopBegin: address = &&loop_begin; break;
        case Handler::kLoopEnd: address = &&loop_end; break;
        case Handler::kMoveLoopEnd: address = &&move_loop_end; break;
        case Handler::kScanRight: address = &&scan_right; break;
        case Handler::kScanLeft: address = &&scan_left; break;
        case Handler::kScan: address = &&scan; break;
        case Handler::kMulAdd: address = &&mul_add; break;
        case Handler::kMulAddGroup: address = &&mul_add_group; break;
        case Handler::kMulAddGroupClear: address = &&mul_add_group_clear; break;
      }
      (*table)[h] = address;
    }
    return RunResult{};
  }

  const Inst* ip = code;
  int64_t p = 0;  // may leave the tape between accesses; BF_CHECK guards every access
  int64_t trap_cell = 0;
  uint32_t trap_src = 0;
  BF_DISPATCH();

add: {
  const int64_t cell = p + ip->offset;
  BF_CHECK(cell, ip->src);
  cells[cell] = static_cast<uint8_t>(cells[cell] + ip->arg);
  ++ip;
  BF_DISPATCH();
}

set: {
  const int64_t cell = p + ip->offset;
  BF_CHECK(cell, ip->src);
  cells[cell] = static_cast<uint8_t>(ip->arg);
  ++ip;
  BF_DISPATCH();
}

move:
  p += ip->arg;
  ++ip;
  BF_DISPATCH();

out: {
  const int64_t cell = p + ip->offset;
  BF_CHECK(cell, ip->src);
  state->put(cells[cell]);
  ++ip;
  BF_DISPATCH();
}

in: {
  const int64_t cell = p + ip->offset;
  BF_CHECK(cell, ip->src);
  cells[cell] = state->read(cells[cell]);
  ++ip;
  BF_DISPATCH();
}

loop_begin:
  BF_STEP();
  BF_CHECK(p, ip->src);
  ip += cells[p] == 0 ? ip->jump : 1;
  BF_DISPATCH();

loop_end:
  BF_STEP();
  BF_CHECK(p, ip->src);
  ip += cells[p] != 0 ? ip->jump : 1;
  BF_DISPATCH();

move_loop_end:
  p += ip->arg;
  BF_STEP();
  BF_CHECK(p, ip->src);
  ip += cells[p] != 0 ? ip->jump : 1;
  BF_DISPATCH();

scan_right:
  BF_CHECK(p, ip->src);
  if (cells[p] != 0) {
    // The later tests look at p+1, p+2, ...: the first zero found is where the scan stops, and
    // without one the first test off the tape is at cell `size`.
    const void* zero = std::memchr(cells + p, 0, size - static_cast<uint64_t>(p));
    if (zero == nullptr) {
      trap_cell = static_cast<int64_t>(size);
      trap_src = ip->src2;
      goto trap;
    }
    p = static_cast<const uint8_t*>(zero) - cells;
  }
  ++ip;
  BF_DISPATCH();

scan_left:
  BF_CHECK(p, ip->src);
  if (cells[p] != 0) {
    const void* zero = ::memrchr(cells, 0, static_cast<size_t>(p) + 1);
    if (zero == nullptr) {
      trap_cell = -1;
      trap_src = ip->src2;
      goto trap;
    }
    p = static_cast<const uint8_t*>(zero) - cells;
  }
  ++ip;
  BF_DISPATCH();

scan:
  BF_CHECK(p, ip->src);
  while (cells[p] != 0) {
    p += ip->arg;
    BF_CHECK(p, ip->src2);
  }
  ++ip;
  BF_DISPATCH();

mul_add: {
  const int64_t counter = p + ip->from;
  BF_CHECK(counter, ip->src2);
  const uint8_t times = cells[counter];
  if (times != 0) {
    const int64_t target = p + ip->offset;
    BF_CHECK(target, ip->src);
    cells[target] = static_cast<uint8_t>(cells[target] + times * ip->arg);
  }
  ++ip;
  BF_DISPATCH();
}

mul_add_group: {
  const int64_t counter = p + ip->from;
  BF_CHECK(counter, ip->src2);
  const uint8_t times = cells[counter];
  if (times != 0) {
    if (const Inst* bad = add_products(ip + 1, ip->arg, cells, p, size, times)) {
      BF_CHECK(p + bad->offset, bad->src);
    }
  }
  ip += ip->arg + 1;
  BF_DISPATCH();
}

mul_add_group_clear: {
  const int64_t counter = p + ip->from;
  BF_CHECK(counter, ip->src2);
  const uint8_t times = cells[counter];
  if (times != 0) {
    if (const Inst* bad = add_products(ip + 1, ip->arg, cells, p, size, times)) {
      BF_CHECK(p + bad->offset, bad->src);
    }
    cells[counter] = 0;
  }
  ip += ip->arg + 1;
  BF_DISPATCH();
}

halt:
  return RunResult{};

trap:
  return tape_trap(trap_cell, trap_src);

out_of_steps:  // reached only from the step-counting variant
  __attribute__((unused));
  return RunResult{state->timed_out.load(std::memory_order_relaxed) ? RunStatus::kTimeLimit
                                                                      : RunStatus::kStepLimit};
}

#undef BF_STEP
#undef BF_CHECK
#undef BF_DISPATCH

}  // namespace

template <bool kCountSteps>
HandlerTable handler_table() {
  HandlerTable table{};
  interpret<kCountSteps>(nullptr, nullptr, 0, nullptr, &table);
  return table;
}

template <bool kCountSteps>
RunResult execute(const Inst* code, Tape& tape, RunState& state) {
  return interpret<kCountSteps>(code, tape.begin(), tape.size(), &state, nullptr);
}

template HandlerTable handler_table<false>();
template HandlerTable handler_table<true>();
template RunResult execute<false>(const Inst*, Tape&, RunState&);
template RunResult execute<true>(const Inst*, Tape&, RunState&);

}  // namespace bf::threaded
