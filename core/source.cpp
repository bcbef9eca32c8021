#include "core/source.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace bf {

LineColumn Source::line_column(uint32_t offset) const {
  LineColumn pos;
  const size_t end = std::min<size_t>(offset, bytes_.size());
  for (size_t i = 0; i < end; ++i) {
    if (bytes_[i] == '\n') {
      ++pos.line;
      pos.column = 1;
    } else {
      ++pos.column;
    }
  }
  return pos;
}

std::string Source::describe(uint32_t offset) const {
  const LineColumn pos = line_column(offset);
  return name_ + ":" + std::to_string(pos.line) + ":" + std::to_string(pos.column) + " (byte " +
         std::to_string(offset) + ")";
}

// Reads with plain read(2) so that a failing read (EIO, a file that vanishes under us) surfaces as
// its errno; iostreams would end the copy silently and hand back a truncated program.
Source read_source_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw SourceReadError{path + ": cannot read: " + std::strerror(errno)};
  struct stat info {};
  if (::fstat(fd, &info) == 0 && S_ISDIR(info.st_mode)) {
    ::close(fd);
    throw SourceReadError{path + ": cannot read: is a directory"};
  }
  std::string bytes;
  char chunk[1 << 16];
  for (;;) {
    const ssize_t got = ::read(fd, chunk, sizeof chunk);
    if (got == 0) break;
    if (got < 0) {
      if (errno == EINTR) continue;
      const int error = errno;
      ::close(fd);
      throw SourceReadError{path + ": cannot read: " + std::strerror(error)};
    }
    bytes.append(chunk, static_cast<size_t>(got));
    if (bytes.size() > UINT32_MAX) {
      ::close(fd);
      throw SourceReadError{path + ": too large (byte offsets are 32-bit; limit is 4 GiB)"};
    }
  }
  ::close(fd);
  return Source(path, std::move(bytes));
}

}  // namespace bf
