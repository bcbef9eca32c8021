// TapePool: one tape per size, reused by every benchmark (they run one at a time), so mapping
// 1 MiB plus guards is not part of any measurement.
#pragma once

#include <cstddef>
#include <map>
#include <memory>

#include "core/runtime/tape.h"

namespace bf::driver {

class TapePool {
 public:
  Tape& get(size_t cells) { return entry(cells).tape; }

  // Seconds one Tape::clear() of this size takes (the fastest of a few): the untimed part of
  // every iteration, which plans must budget for.
  double clear_seconds(size_t cells);

 private:
  struct Entry {
    explicit Entry(size_t cells) : tape(cells) {}
    Tape tape;
    double clear_seconds = -1;  // not measured yet
  };
  Entry& entry(size_t cells);

  std::map<size_t, std::unique_ptr<Entry>> tapes_;
};

}  // namespace bf::driver
