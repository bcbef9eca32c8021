// The dispatch loop: one label per handler, each ending in `goto *ip->handler`, so every handler
// has its own indirect jump (and its own branch-predictor history) -- no central switch.
#include "engines/threaded/dispatch.h"

#include <algorithm>

#include "core/attributes.h"
#include "engines/threaded/cell_ops.h"

#ifdef BFBENCH_TRACE
#include "engines/threaded/dispatch_trace.h"
#endif

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

// The trap a fault stands for, naming the source byte its slot recorded for that access.
RunResult trap_result(const Fault& fault, const Inst* code, const Sources* sources) {
  const Sources& where = sources[fault.at - code];
  switch (fault.field) {
    case Fault::kSrc: return tape_trap(fault.cell, where.src);
    case Fault::kSrc2: return tape_trap(fault.cell, where.src2);
    case Fault::kTestSrc: return tape_trap(fault.cell, where.test_src);
  }
  return tape_trap(fault.cell, where.src);
}

// Jumps to the handler of the instruction `ip` points at: the dispatch that ends every handler.
#ifdef BFBENCH_TRACE
#define BF_DISPATCH()          \
  do {                         \
    trace.record(ip);          \
    goto *ip->handler;         \
  } while (0)
#else
#define BF_DISPATCH() goto *ip->handler
#endif

// Ends the run with a trap unless `cell` lies on the tape; `field` of ip's Sources names the
// command.
#define BF_CHECK(cell, field)                  \
  do {                                         \
    if (!on_tape(cell, size)) [[unlikely]] {   \
      fault = {(cell), ip, Fault::field};      \
      goto trap;                               \
    }                                          \
  } while (0)

// Counts one loop test in the step-counting variant; compiles to nothing in the other.
#define BF_STEP()                                \
  do {                                           \
    if constexpr (kCountSteps) {                 \
      if (!take_step(*state)) goto out_of_steps; \
    }                                            \
  } while (0)

// The loop test an *End or *Begin instruction does after its own work: move, count the step,
// test the cell (a trap reports the bracket), and continue at `next` or at this + jump -- the
// body's start for a loop end whose cell is non-zero, past the loop for a loop begin whose cell
// is zero. Macros, not shared labels, so that each handler keeps its own indirect jump.
#define BF_CLOSE_LOOP(next)                        \
  do {                                             \
    p += ip->move;                                 \
    BF_STEP();                                     \
    BF_CHECK(p, kTestSrc);                         \
    ip = cells[p] != 0 ? ip + ip->jump : (next);   \
    BF_DISPATCH();                                 \
  } while (0)

#define BF_OPEN_LOOP(next)                         \
  do {                                             \
    p += ip->move;                                 \
    BF_STEP();                                     \
    BF_CHECK(p, kTestSrc);                         \
    ip = cells[p] == 0 ? ip + ip->jump : (next);   \
    BF_DISPATCH();                                 \
  } while (0)

// The loop of a block instruction followed by `slots` slots: while every cell an iteration
// touches is on the tape (ip's window [p+offset, p+from]), `fast` runs the body with `here` =
// cells + p and no checks; off the window the slots run checked. Then the move and the loop test,
// until the cell is zero; ip ends past the slots.
#define BF_WINDOWED_LOOP(slots, fast)                                                    \
  do {                                                                                   \
    const int64_t low = ip->offset;                                                      \
    const uint64_t span = static_cast<uint64_t>(static_cast<int64_t>(ip->from) - low);   \
    const uint64_t safe = size > span ? size - span : 0;                                 \
    const int32_t move = ip->move;                                                       \
    do {                                                                                 \
      if (static_cast<uint64_t>(p + low) < safe) [[likely]] {                            \
        uint8_t* const here = cells + p;                                                 \
        fast;                                                                            \
        p += move;                                                                       \
        BF_STEP();                                                                       \
      } else {                                                                           \
        if (!run_block_checked(ip + 1, ip + 1 + (slots), cells, p, size, fault)) {       \
          goto trap;                                                                     \
        }                                                                                \
        p += move;                                                                       \
        BF_STEP();                                                                       \
        BF_CHECK(p, kTestSrc);                                                           \
      }                                                                                  \
    } while (cells[p] != 0);                                                             \
    ip += 1 + (slots);                                                                   \
  } while (0)

// Both the loop and its label table, because label addresses exist only inside their function.
// Never inlined or cloned: a copy would have labels at other addresses than the table says.
template <bool kCountSteps>
BF_NOINLINE_NOCLONE RunResult interpret(const Inst* code, const Sources* sources,
                                                    uint8_t* cells, uint64_t size,
                                                    RunState* state, HandlerTable* table) {
  if (table != nullptr) {
    for (int h = 0; h < kHandlerCount; ++h) {
      const void* address = nullptr;
      switch (static_cast<Handler>(h)) {
        case Handler::kHalt: address = &&halt; break;
        case Handler::kAdd: address = &&add; break;
        case Handler::kAddEnd: address = &&add_end; break;
        case Handler::kAddBegin: address = &&add_begin; break;
        case Handler::kSet: address = &&set; break;
        case Handler::kSetEnd: address = &&set_end; break;
        case Handler::kSetBegin: address = &&set_begin; break;
        case Handler::kWrites: address = &&writes; break;
        case Handler::kWritesEnd: address = &&writes_end; break;
        case Handler::kWritesBegin: address = &&writes_begin; break;
        case Handler::kWrites2: address = &&writes2; break;
        case Handler::kWrites2End: address = &&writes2_end; break;
        case Handler::kWrites2Begin: address = &&writes2_begin; break;
        case Handler::kMove: address = &&move; break;
        case Handler::kOut: address = &&out; break;
        case Handler::kIn: address = &&in; break;
        case Handler::kLoopBegin: address = &&loop_begin; break;
        case Handler::kLoopEnd: address = &&loop_end; break;
        case Handler::kScanRight: address = &&scan_right; break;
        case Handler::kScanLeft: address = &&scan_left; break;
        case Handler::kScan: address = &&scan; break;
        case Handler::kSeek: address = &&seek; break;
        case Handler::kMulAdd: address = &&mul_add; break;
        case Handler::kMulAdd1: address = &&mul_add1; break;
        case Handler::kMulAddSet: address = &&mul_add_set; break;
        case Handler::kMulAddSetEnd: address = &&mul_add_set_end; break;
        case Handler::kMulAddSetBegin: address = &&mul_add_set_begin; break;
        case Handler::kMulAdd1Set: address = &&mul_add1_set; break;
        case Handler::kMulAdd1SetEnd: address = &&mul_add1_set_end; break;
        case Handler::kMulAdd1SetBegin: address = &&mul_add1_set_begin; break;
        case Handler::kMulAdd1SetLoop: address = &&mul_add1_set_loop; break;
        case Handler::kBlockLoop: address = &&block_loop; break;
        case Handler::kBlockLoop1: address = &&block_loop1; break;
        case Handler::kAddLoop2: address = &&add_loop2; break;
        case Handler::kProduct: address = &&product; break;
      }
      (*table)[h] = address;
    }
    return RunResult{};
  }

#ifdef BFBENCH_TRACE
  const HandlerTable labels = handler_table<kCountSteps>();
  DispatchTrace trace(labels, code);
#endif
  const Inst* ip = code;
  int64_t p = 0;  // may leave the tape between accesses; every access is checked
  Fault fault;
  BF_DISPATCH();

// Each fusible instruction comes in three forms: alone, then a loop end, then a loop begin.
add:
  if (!run_add(ip, cells, p, size, fault)) [[unlikely]] goto trap;
  ++ip;
  BF_DISPATCH();
add_end:
  if (!run_add(ip, cells, p, size, fault)) [[unlikely]] goto trap;
  BF_CLOSE_LOOP(ip + 1);
add_begin:
  if (!run_add(ip, cells, p, size, fault)) [[unlikely]] goto trap;
  BF_OPEN_LOOP(ip + 1);

set:
  if (!run_set(ip, cells, p, size, fault)) [[unlikely]] goto trap;
  ++ip;
  BF_DISPATCH();
set_end:
  if (!run_set(ip, cells, p, size, fault)) [[unlikely]] goto trap;
  BF_CLOSE_LOOP(ip + 1);
set_begin:
  if (!run_set(ip, cells, p, size, fault)) [[unlikely]] goto trap;
  BF_OPEN_LOOP(ip + 1);

writes:
  if (!run_writes<0>(ip, cells, p, size, fault)) [[unlikely]] goto trap;
  ip += 1 + ip->arg;
  BF_DISPATCH();
writes_end:
  if (!run_writes<0>(ip, cells, p, size, fault)) [[unlikely]] goto trap;
  BF_CLOSE_LOOP(ip + 1 + ip->arg);
writes_begin:
  if (!run_writes<0>(ip, cells, p, size, fault)) [[unlikely]] goto trap;
  BF_OPEN_LOOP(ip + 1 + ip->arg);

writes2:
  if (!run_writes<2>(ip, cells, p, size, fault)) [[unlikely]] goto trap;
  ip += 3;
  BF_DISPATCH();
writes2_end:
  if (!run_writes<2>(ip, cells, p, size, fault)) [[unlikely]] goto trap;
  BF_CLOSE_LOOP(ip + 3);
writes2_begin:
  if (!run_writes<2>(ip, cells, p, size, fault)) [[unlikely]] goto trap;
  BF_OPEN_LOOP(ip + 3);

mul_add_set:
  if (!run_multiply<true>(ip, cells, p, size, fault)) [[unlikely]] goto trap;
  ip += 1 + ip->arg;
  BF_DISPATCH();
mul_add_set_end:
  if (!run_multiply<true>(ip, cells, p, size, fault)) [[unlikely]] goto trap;
  BF_CLOSE_LOOP(ip + 1 + ip->arg);
mul_add_set_begin:
  if (!run_multiply<true>(ip, cells, p, size, fault)) [[unlikely]] goto trap;
  BF_OPEN_LOOP(ip + 1 + ip->arg);

mul_add1_set:
  if (!run_multiply1<true>(ip, cells, p, size, fault)) [[unlikely]] goto trap;
  ++ip;
  BF_DISPATCH();
mul_add1_set_end:
  if (!run_multiply1<true>(ip, cells, p, size, fault)) [[unlikely]] goto trap;
  BF_CLOSE_LOOP(ip + 1);
mul_add1_set_begin:
  if (!run_multiply1<true>(ip, cells, p, size, fault)) [[unlikely]] goto trap;
  BF_OPEN_LOOP(ip + 1);

mul_add:
  if (!run_multiply<false>(ip, cells, p, size, fault)) [[unlikely]] goto trap;
  ip += 1 + ip->arg;
  BF_DISPATCH();

mul_add1:
  if (!run_multiply1<false>(ip, cells, p, size, fault)) [[unlikely]] goto trap;
  ++ip;
  BF_DISPATCH();

product: {
  const int64_t first = p + ip->from;
  BF_CHECK(first, kSrc2);
  if (cells[first] != 0) {
    const int64_t second = p + ip->move;
    BF_CHECK(second, kSrc2);
    if (cells[second] != 0) {
      const int64_t target = p + ip->offset;
      BF_CHECK(target, kSrc);
      cells[target] = static_cast<uint8_t>(cells[target] + cells[first] * cells[second] * ip->arg);
    }
  }
  ++ip;
  BF_DISPATCH();
}

move:
  p += ip->arg;
  ++ip;
  BF_DISPATCH();

out: {
  const int64_t cell = p + ip->offset;
  BF_CHECK(cell, kSrc);
  state->put(cells[cell]);
  ++ip;
  BF_DISPATCH();
}

in: {
  const int64_t cell = p + ip->offset;
  BF_CHECK(cell, kSrc);
  cells[cell] = state->read(cells[cell]);
  ++ip;
  BF_DISPATCH();
}

loop_begin:
  p += ip->move;
  BF_STEP();
  BF_CHECK(p, kSrc);
  ip = cells[p] == 0 ? ip + ip->jump : ip + 1;
  BF_DISPATCH();

loop_end:
  p += ip->move;
  BF_STEP();
  BF_CHECK(p, kSrc);
  ip = cells[p] != 0 ? ip + ip->jump : ip + 1;
  BF_DISPATCH();

scan_right:
  p += ip->move;
  BF_CHECK(p, kSrc);
  if (cells[p] != 0) {
    // The later tests look at p+1, p+2, ...: the first zero found is where the scan stops, and
    // without one the first test off the tape is at cell `size`.
    if (!find_right(cells, size, p, 0)) {
      fault = {p, ip, Fault::kSrc2};
      goto trap;
    }
  }
  ++ip;
  BF_DISPATCH();

scan_left:
  p += ip->move;
  BF_CHECK(p, kSrc);
  if (cells[p] != 0) {
    if (!find_left(cells, p, 0)) {
      fault = {p, ip, Fault::kSrc2};
      goto trap;
    }
  }
  ++ip;
  BF_DISPATCH();

scan:
  p += ip->move;
  BF_CHECK(p, kSrc);
  if (cells[p] != 0) {
    p = scan_ahead(cells, size, p, ip->arg);
    while (cells[p] != 0) {
      p += ip->arg;
      BF_CHECK(p, kSrc2);
    }
  }
  ++ip;
  BF_DISPATCH();

seek:
  p += ip->move;
  BF_CHECK(p, kSrc);
  if (cells[p] != ip->value) {
    // As scan_right/scan_left: the first cell found is where the seek stops; without one the
    // first test off the tape is at cell `size` (or -1).
    if (ip->arg == 1 || ip->arg == -1) {
      if (!(ip->arg == 1 ? find_right(cells, size, p, ip->value)
                         : find_left(cells, p, ip->value))) {
        fault = {p, ip, Fault::kSrc2};
        goto trap;
      }
    } else {
      p = scan_ahead(cells, size, p, ip->arg, ip->value);
      while (cells[p] != ip->value) {
        p += ip->arg;
        BF_CHECK(p, kSrc2);
      }
    }
  }
  ++ip;
  BF_DISPATCH();

mul_add1_set_loop: {
  // The body repeats here, so each iteration costs no dispatch, and one check of p against a
  // window replaces the three access checks: when every cell the iteration touches (counter,
  // target, the next loop test) is on the tape, the multiply needs no branch either (adding
  // 0 * factor is harmless once the target is known to exist). Off the window, the exact path.
  const int32_t from = ip->from;
  const int32_t target = ip->offset;
  const int32_t move = ip->move;
  const int64_t low = std::min({from, target, move});
  const int64_t span = std::max({from, target, move}) - low;
  const uint64_t safe = size > static_cast<uint64_t>(span) ? size - static_cast<uint64_t>(span) : 0;
  const uint8_t factor = static_cast<uint8_t>(ip->arg);
  const uint8_t value = ip->value;
  do {
    if (static_cast<uint64_t>(p + low) < safe) [[likely]] {
      const uint8_t times = cells[p + from];
      cells[p + target] = static_cast<uint8_t>(cells[p + target] + times * factor);
      cells[p + from] = value;
      p += move;
      BF_STEP();
    } else {
      const int64_t counter = p + from;
      BF_CHECK(counter, kSrc2);
      const uint8_t times = cells[counter];
      if (times != 0) {
        BF_CHECK(p + target, kSrc);
        cells[p + target] = static_cast<uint8_t>(cells[p + target] + times * factor);
      }
      cells[counter] = value;
      p += move;
      BF_STEP();
      BF_CHECK(p, kTestSrc);
    }
  } while (cells[p] != 0);
  ++ip;
  BF_DISPATCH();
}

block_loop: {
  // As mul_add1_set_loop, for any body of adds, sets and multiplies: one window check per
  // iteration instead of one per access, and no dispatch between the body's ops.
  const Inst* const first = ip + 1;
  const Inst* const end = first + ip->arg;
  BF_WINDOWED_LOOP(end - first, run_block_unchecked(first, end, here));
  BF_DISPATCH();
}

block_loop1: {
  // block_loop with a one-slot body ("[-]", "[>+<]" after offset addressing, ...): the slot's
  // fields go into registers first -- the cell stores could alias the stream, so the compiler
  // would reload them every iteration.
  const Inst slot = ip[1];
  BF_WINDOWED_LOOP(1, here[slot.offset] = static_cast<uint8_t>((here[slot.offset] & slot.keep) +
                                                              slot.value +
                                                              here[slot.from] * slot.arg));
  BF_DISPATCH();
}

add_loop2: {
  // block_loop1's registers for a two-add body, without the slot formula's and-mask and multiply:
  // a loop that walks ("[->+]") or transfers ("[->>+<<]") runs a few instructions per iteration.
  const int32_t first = ip[1].offset;
  const int32_t second = ip[2].offset;
  const uint8_t first_add = ip[1].value;
  const uint8_t second_add = ip[2].value;
  BF_WINDOWED_LOOP(2, {
    here[first] = static_cast<uint8_t>(here[first] + first_add);
    here[second] = static_cast<uint8_t>(here[second] + second_add);
  });
  BF_DISPATCH();
}

halt:
  return RunResult{};

trap:
  return trap_result(fault, code, sources);

out_of_steps:  // reached only from the step-counting variant
  __attribute__((unused));
  return RunResult{state->timed_out.load(std::memory_order_relaxed) ? RunStatus::kTimeLimit
                                                                      : RunStatus::kStepLimit};
}

#undef BF_WINDOWED_LOOP
#undef BF_OPEN_LOOP
#undef BF_CLOSE_LOOP
#undef BF_STEP
#undef BF_CHECK
#undef BF_DISPATCH

}  // namespace

template <bool kCountSteps>
HandlerTable handler_table() {
  HandlerTable table{};
  interpret<kCountSteps>(nullptr, nullptr, nullptr, 0, nullptr, &table);
  return table;
}

template <bool kCountSteps>
RunResult execute(const Inst* code, const Sources* sources, Tape& tape, RunState& state) {
  return interpret<kCountSteps>(code, sources, tape.begin(), tape.size(), &state, nullptr);
}

template HandlerTable handler_table<false>();
template HandlerTable handler_table<true>();
template RunResult execute<false>(const Inst*, const Sources*, Tape&, RunState&);
template RunResult execute<true>(const Inst*, const Sources*, Tape&, RunState&);

}  // namespace bf::threaded
