// The contract between generated code and the C++ that runs it: entry signature, exit codes,
// register roles and the RunState fields the code addresses. CODE_SHAPE.md explains the whole shape.
#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "core/runtime/run_state.h"
#include "engines/jit/assembler.h"

namespace bf::jit {

// Register roles, the same in every JIT (System V callee-saved, so they survive runtime calls).
// This is the one place they are stated; code_shape.cpp and the back ends use these names.
inline constexpr Reg kP = Reg::kRbx;          // p: address of the current cell
inline constexpr Reg kState = Reg::kR12;      // RunState*
inline constexpr Reg kTapeBegin = Reg::kR13;  // tape begin (first cell)
inline constexpr Reg kTapeEnd = Reg::kR14;    // tape end (one past the last cell)
// rbp: frame pointer (pushed first, so the five pushes keep rsp 16-byte aligned at every call).
// r8..r11: cell registers (CellRegister in code_shape.h), caller-saved: dropped around calls.
// Scratch: rax, rcx, rdx, rsi, rdi (caller-saved; clobbered by calls). ecx holds a MulAdd counter.
inline constexpr Reg kCounter = Reg::kRcx;

// What the generated function returns, in rax:rdx (a two-word struct is returned in registers).
struct JitExit {
  uint64_t code;     // low 8 bits: ExitKind; for kChecked the access-site index sits above them
  uint64_t address;  // kChecked: the out-of-tape address the explicit check rejected
};
static_assert(std::is_trivially_copyable_v<JitExit> && sizeof(JitExit) == 16,
              "JitExit must come back in rax:rdx");

enum ExitKind : uint8_t {
  kExitFinished = 0,   // ran off the end of the program
  kExitStepLimit = 1,  // the step budget ran out at a loop test
  kExitFault = 2,      // a guard-page fault; the signal handler recorded where (fault_trap.h)
  kExitChecked = 3,    // an explicit bounds check failed: code >> 8 = access site, address in rdx
};

inline constexpr int kExitSiteShift = 8;

// extern "C"-compatible entry: rdi = tape begin, rsi = RunState*, rdx = tape end.
using JitEntry = JitExit (*)(uint8_t* tape_begin, RunState* state, uint8_t* tape_end);

// RunState fields generated code touches, by byte offset from r12.
static_assert(std::is_standard_layout_v<RunState>, "generated code addresses RunState by offsetof");
inline constexpr int32_t kOutBufferOffset = offsetof(RunState, out_buffer);
inline constexpr int32_t kOutLengthOffset = offsetof(RunState, out_length);
inline constexpr int32_t kOutCapacityOffset = offsetof(RunState, out_capacity);
inline constexpr int32_t kBudgetOffset = offsetof(RunState, budget);
static_assert(sizeof(std::atomic<int64_t>) == 8 && std::atomic<int64_t>::is_always_lock_free,
              "the budget is decremented with one locked 64-bit sub");

}  // namespace bf::jit
