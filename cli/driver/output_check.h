// OutputCheck: whether a run gave the corpus's expected result -- the output (against the
// manifest's SHA-256) and the way it ended (a trap, for programs that trap on purpose).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "cli/corpus.h"
#include "core/runtime/run_result.h"

namespace bf::driver {

class OutputCheck {
 public:
  OutputCheck(std::string expected_sha256, RunStatus expected_status, uint32_t expected_trap_byte);
  explicit OutputCheck(const CorpusEntry& entry);

  // Empty when the run is right, else what is wrong, e.g. "output is 12 bytes with SHA-256
  // 1a2b3c4d5e6f..., expected SHA-256 83a0aac65090...". Once an output matched the hash, later
  // runs are compared with those bytes directly (cheaper than hashing, just as strict).
  std::string check(std::string_view output, const RunResult& result);

 private:
  std::string expected_sha256_;
  RunStatus expected_status_;
  uint32_t expected_trap_byte_;
  std::optional<std::string> confirmed_;  // an output whose hash matched
};

}  // namespace bf::driver
