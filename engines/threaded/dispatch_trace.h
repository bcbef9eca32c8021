// DispatchTrace: counts which handlers run, which follows which, and the hottest instructions, to
// choose superinstructions. Compiled into the dispatch loop only with -DBFBENCH_TRACE=ON.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "engines/threaded/dispatch.h"

namespace bf::threaded {

class DispatchTrace {
 public:
  DispatchTrace(const HandlerTable& table, const Inst* code);
  DispatchTrace(const DispatchTrace&) = delete;
  DispatchTrace& operator=(const DispatchTrace&) = delete;
  // Prints the counts, the most frequent pairs and the hottest instructions to stderr.
  ~DispatchTrace();

  void record(const Inst* ip);

 private:
  int kind_of(const void* handler) const;

  const HandlerTable& table_;
  const Inst* code_;
  int previous_ = -1;
  std::array<uint64_t, kHandlerCount> runs_{};
  std::array<std::array<uint64_t, kHandlerCount>, kHandlerCount> pairs_{};
  std::vector<uint64_t> per_instruction_;
};

}  // namespace bf::threaded
