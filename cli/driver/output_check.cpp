#include "cli/driver/output_check.h"

#include "cli/sha256.h"

namespace bf::driver {

OutputCheck::OutputCheck(std::string expected_sha256, RunStatus expected_status,
                         uint32_t expected_trap_byte)
    : expected_sha256_(std::move(expected_sha256)),
      expected_status_(expected_status),
      expected_trap_byte_(expected_trap_byte) {}

OutputCheck::OutputCheck(const CorpusEntry& entry)
    : OutputCheck(entry.expected_sha256, entry.expected_status, entry.expected_trap_byte) {}

std::string OutputCheck::check(std::string_view output, const RunResult& result) {
  const bool trap_expected = expected_status_ != RunStatus::kOk;
  if (result.status != expected_status_ || (trap_expected && result.src != expected_trap_byte_)) {
    const RunResult expected{expected_status_, expected_trap_byte_, 0};
    // Without cells: the manifest names the trapping command, not the cell.
    return "ended with " + describe_end(result, false) + ", expected " +
           describe_end(expected, false);
  }
  if (confirmed_ && output == *confirmed_) return "";
  const std::string got = sha256_hex(output);
  if (got == expected_sha256_) {
    confirmed_ = std::string(output);
    return "";
  }
  return "output is " + std::to_string(output.size()) + " bytes with SHA-256 " + got.substr(0, 12) +
         "..., expected SHA-256 " + expected_sha256_.substr(0, 12) + "...";
}

}  // namespace bf::driver
