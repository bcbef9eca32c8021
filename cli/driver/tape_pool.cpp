#include "cli/driver/tape_pool.h"

#include <algorithm>
#include <chrono>

namespace bf::driver {

TapePool::Entry& TapePool::entry(size_t cells) {
  std::unique_ptr<Entry>& found = tapes_[Tape::rounded_size(cells)];
  if (!found) found = std::make_unique<Entry>(cells);
  return *found;
}

double TapePool::clear_seconds(size_t cells) {
  Entry& found = entry(cells);
  if (found.clear_seconds < 0) {
    for (int i = 0; i < 5; ++i) {
      const auto start = std::chrono::steady_clock::now();
      found.tape.clear();
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      found.clear_seconds = i == 0 ? seconds : std::min(found.clear_seconds, seconds);
    }
  }
  return found.clear_seconds;
}

}  // namespace bf::driver
