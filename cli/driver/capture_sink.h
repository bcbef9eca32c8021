// CaptureSink: keeps one run's output in memory so it can be checked after the timed part.
#pragma once

#include <string>

#include "core/runtime/io.h"

namespace bf::driver {

// Appending to memory costs about what a memcpy does, so it barely touches the timed run; the
// capacity survives clear(), so later runs of the same program do not allocate.
class CaptureSink final : public OutputSink {
 public:
  void write(const uint8_t* bytes, size_t count) override {
    data_.append(reinterpret_cast<const char*>(bytes), count);
  }
  void clear() { data_.clear(); }
  const std::string& data() const { return data_; }

 private:
  std::string data_;
};

}  // namespace bf::driver
