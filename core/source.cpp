#include "core/source.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

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

Source read_source_file(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    throw SourceReadError{path + ": cannot read: " + std::strerror(errno)};
  }
  if (S_ISDIR(info.st_mode)) {
    throw SourceReadError{path + ": cannot read: is a directory"};
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw SourceReadError{path + ": cannot read: " + std::strerror(errno)};
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) {
    throw SourceReadError{path + ": read failed: " + std::strerror(errno)};
  }
  if (bytes.str().size() > UINT32_MAX) {
    throw SourceReadError{path + ": too large (byte offsets are 32-bit; limit is 4 GiB)"};
  }
  return Source(path, bytes.str());
}

}  // namespace bf
