#include "core/runtime/io.h"

#include "core/runtime/process_cleanup.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace bf {

std::string_view eof_name(EofPolicy policy) {
  switch (policy) {
    case EofPolicy::kKeep: return "keep";
    case EofPolicy::kZero: return "0";
    case EofPolicy::kMax: return "255";
  }
  return "?";
}

bool parse_eof_name(std::string_view text, EofPolicy& policy) {
  for (const EofPolicy candidate : {EofPolicy::kKeep, EofPolicy::kZero, EofPolicy::kMax}) {
    if (text == eof_name(candidate)) {
      policy = candidate;
      return true;
    }
  }
  return false;
}

void FdSink::write(const uint8_t* bytes, size_t count) {
  while (count > 0 && error_ == 0) {
    const ssize_t written = ::write(fd_, bytes, count);
    if (written < 0) {
      if (errno == EINTR) continue;
      error_ = errno;
      if (end_status_ != 0) {
        const std::string message = who_ + ": cannot write output: " + std::strerror(error_) + "\n";
        (void)!::write(STDERR_FILENO, message.data(), message.size());
        cleanup::end_now(end_status_);
      }
      return;
    }
    bytes += written;
    count -= static_cast<size_t>(written);
  }
}

size_t FdSource::read(uint8_t* buffer, size_t capacity) {
  for (;;) {
    const ssize_t got = ::read(fd_, buffer, capacity);
    if (got >= 0) return static_cast<size_t>(got);
    if (errno != EINTR) return 0;  // an unreadable input behaves as end of input
  }
}

size_t BytesSource::read(uint8_t* buffer, size_t capacity) {
  const size_t count = std::min(capacity, bytes_.size() - position_);
  std::memcpy(buffer, bytes_.data() + position_, count);
  position_ += count;
  return count;
}

}  // namespace bf
