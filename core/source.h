// Source: a program's bytes and the name it came from; turns byte offsets into line:col on demand.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace bf {

struct LineColumn {
  uint32_t line = 1;    // 1-based
  uint32_t column = 1;  // 1-based, counted in bytes
};

// A file mapped read-only (read_source_file): its pages are read in when touched and may be given
// back (release_before), so a large source costs no resident memory once parsed.
class FileMapping;

class Source {
 public:
  Source(std::string name, std::string bytes) : name_(std::move(name)), bytes_(std::move(bytes)) {}
  Source(std::string name, std::shared_ptr<const FileMapping> mapping);

  const std::string& name() const { return name_; }
  std::string_view bytes() const;

  // A hint that bytes before `end` are not needed for now: a mapped file's pages go back to the
  // kernel (they are read from the file again if asked for, e.g. by an error message). The parser
  // calls it as it goes, so comments and commands already folded never pile up in memory.
  void release_before(size_t end) const;

  // Computed only when an error is printed: a scan of the bytes before `offset`.
  LineColumn line_column(uint32_t offset) const;

  // "prog.b:3:17 (byte 52)": the prefix of every error message that has a position.
  std::string describe(uint32_t offset) const;

 private:
  std::string name_;
  std::string bytes_;
  std::shared_ptr<const FileMapping> mapping_;  // when set, the bytes are the mapped file's
};

// Reads a file into a Source -- a regular file is mapped, anything else (a pipe) read -- and
// throws SourceReadError naming the file and the reason.
Source read_source_file(const std::string& path);

struct SourceReadError {
  std::string message;
};

}  // namespace bf
