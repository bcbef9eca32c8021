#include "core/source.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace bf {

class FileMapping {
 public:
  FileMapping(const void* data, size_t size) : data_(static_cast<const char*>(data)), size_(size) {}
  FileMapping(const FileMapping&) = delete;
  FileMapping& operator=(const FileMapping&) = delete;
  ~FileMapping() { ::munmap(const_cast<char*>(data_), size_); }

  std::string_view bytes() const { return {data_, size_}; }

  // The whole pages before `end`: clean pages of a private read-only file mapping, dropped from
  // this process and faulted in again from the page cache on the next read.
  void release_before(size_t end) const {
    const size_t page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
    const size_t bytes = std::min(end, size_) / page * page;
    if (bytes > 0) ::madvise(const_cast<char*>(data_), bytes, MADV_DONTNEED);
  }

 private:
  const char* data_;
  size_t size_;
};

namespace {

// How many bytes line_column scans between two release_before() calls.
constexpr size_t kScanWindow = size_t{1} << 20;

}  // namespace

Source::Source(std::string name, std::shared_ptr<const FileMapping> mapping)
    : name_(std::move(name)), mapping_(std::move(mapping)) {}

std::string_view Source::bytes() const { return mapping_ ? mapping_->bytes() : std::string_view(bytes_); }

void Source::release_before(size_t end) const {
  if (mapping_) mapping_->release_before(end);
}

LineColumn Source::line_column(uint32_t offset) const {
  const std::string_view bytes = this->bytes();
  LineColumn pos;
  const size_t end = std::min<size_t>(offset, bytes.size());
  for (size_t i = 0; i < end; ++i) {
    if (bytes[i] == '\n') {
      ++pos.line;
      pos.column = 1;
    } else {
      ++pos.column;
    }
    if ((i + 1) % kScanWindow == 0) release_before(i + 1);
  }
  return pos;
}

std::string Source::describe(uint32_t offset) const {
  const LineColumn pos = line_column(offset);
  return name_ + ":" + std::to_string(pos.line) + ":" + std::to_string(pos.column) + " (byte " +
         std::to_string(offset) + ")";
}

namespace {

[[noreturn]] void fail(int fd, const std::string& path, const std::string& reason) {
  ::close(fd);
  throw SourceReadError{path + ": " + reason};
}

std::string too_large(uint64_t bytes) {
  return "too large (" + std::to_string(bytes) + " bytes; byte offsets are 32-bit; limit is 4 GiB)";
}

// Reads with plain read(2) so that a failing read (EIO, a file that vanishes under us) surfaces as
// its errno; iostreams would end the copy silently and hand back a truncated program.
std::string read_all(int fd, const std::string& path) {
  std::string bytes;
  char chunk[1 << 16];
  for (;;) {
    const ssize_t got = ::read(fd, chunk, sizeof chunk);
    if (got == 0) break;
    if (got < 0) {
      if (errno == EINTR) continue;
      fail(fd, path, std::string("cannot read: ") + std::strerror(errno));
    }
    bytes.append(chunk, static_cast<size_t>(got));
    if (bytes.size() > UINT32_MAX) fail(fd, path, too_large(bytes.size()));
  }
  return bytes;
}

}  // namespace

Source read_source_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw SourceReadError{path + ": cannot read: " + std::strerror(errno)};
  struct stat info {};
  if (::fstat(fd, &info) != 0) fail(fd, path, std::string("cannot read: ") + std::strerror(errno));
  if (S_ISDIR(info.st_mode)) fail(fd, path, "cannot read: is a directory");
  if (S_ISREG(info.st_mode) && info.st_size > 0) {
    const auto size = static_cast<uint64_t>(info.st_size);
    if (size > UINT32_MAX) fail(fd, path, too_large(size));
    void* data = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (data != MAP_FAILED) {
      ::close(fd);
      return Source(path, std::make_shared<const FileMapping>(data, size));
    }
    // A file system that cannot map: read it as a pipe is read. (A mapped file that another
    // process truncates while bfbench runs would fault on the lost pages: a risk we take for not
    // copying large sources into memory.)
  }
  std::string bytes = read_all(fd, path);
  ::close(fd);
  return Source(path, std::move(bytes));
}

}  // namespace bf
