#include "core/runtime/run_result.h"

#include "core/source.h"

namespace bf {

std::string status_name(RunStatus status) {
  switch (status) {
    case RunStatus::kOk: return "ok";
    case RunStatus::kTapeUnderflow: return "tape underflow";
    case RunStatus::kTapeOverflow: return "tape overflow";
    case RunStatus::kStepLimit: return "step limit";
    case RunStatus::kTimeLimit: return "time limit";
  }
  return "?";
}

std::string describe_end(const RunResult& result, bool with_cell) {
  if (result.ok()) return "a normal end";
  std::string text = status_name(result.status);
  if (result.status == RunStatus::kTapeOverflow || result.status == RunStatus::kTapeUnderflow) {
    text += " at byte " + std::to_string(result.src);
    if (with_cell) text += " cell " + std::to_string(result.cell);
  }
  return text;
}

std::string describe_failure(const RunResult& result, const Source& source, uint64_t tape_size) {
  switch (result.status) {
    case RunStatus::kOk: return "ok";
    case RunStatus::kStepLimit: return source.name() + ": step limit reached (--max-steps)";
    case RunStatus::kTimeLimit: return source.name() + ": time limit reached (--timeout)";
    case RunStatus::kTapeUnderflow:
    case RunStatus::kTapeOverflow: {
      const auto bytes = source.bytes();
      // Built by appending: GCC 12 warns falsely (-Wrestrict) about "literal" + std::string.
      std::string command = "command";
      if (result.src < bytes.size()) command = {'\'', bytes[result.src], '\''};
      std::string where = "left of cell 0";
      if (result.status == RunStatus::kTapeOverflow) {
        where = "past the last cell (";
        where += std::to_string(tape_size - 1);
        where += ')';
      }
      return source.describe(result.src) + ": " + status_name(result.status) + ": " + command +
             " accesses cell " + std::to_string(result.cell) + ", " + where;
    }
  }
  return "?";
}

}  // namespace bf
