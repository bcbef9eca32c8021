// RunResult: how a run ended. run() never throws; traps are values.
#pragma once

#include <cstdint>
#include <string>

namespace bf {

class Source;

enum class RunStatus : uint8_t {
  kOk,
  kTapeUnderflow,  // a command accessed a cell left of cell 0
  kTapeOverflow,   // a command accessed a cell past the last one
  kStepLimit,      // --max-steps ran out
  kTimeLimit,      // --timeout expired
};

struct RunResult {
  RunStatus status = RunStatus::kOk;
  uint32_t src = 0;  // tape traps: source byte of the command whose access fell off the tape
  int64_t cell = 0;  // tape traps: the cell index it tried to access

  bool ok() const { return status == RunStatus::kOk; }
  bool operator==(const RunResult&) const = default;
};

// The trap for an access to `cell` (which lies off the tape) by the command at `src`: underflow
// left of cell 0, overflow past the end.
inline RunResult tape_trap(int64_t cell, uint32_t src) {
  return RunResult{cell < 0 ? RunStatus::kTapeUnderflow : RunStatus::kTapeOverflow, src, cell};
}

std::string status_name(RunStatus status);

// How a run ended, in a few words for messages: "a normal end", "step limit",
// "tape overflow at byte 52 cell 4096" (without the cell when `with_cell` is false).
std::string describe_end(const RunResult& result, bool with_cell = true);

// A one-line message for a failed run, without the file prefix for limits:
//   "prog.b:3:17 (byte 52): tape overflow: '+' accesses cell 1048576, past the last cell (1048575)"
std::string describe_failure(const RunResult& result, const Source& source, uint64_t tape_size);

}  // namespace bf
