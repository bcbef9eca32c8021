// Source: a program's bytes and the name it came from; turns byte offsets into line:col on demand.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace bf {

struct LineColumn {
  uint32_t line = 1;    // 1-based
  uint32_t column = 1;  // 1-based, counted in bytes
};

class Source {
 public:
  Source(std::string name, std::string bytes) : name_(std::move(name)), bytes_(std::move(bytes)) {}

  const std::string& name() const { return name_; }
  std::string_view bytes() const { return bytes_; }

  // Computed only when an error is printed: a scan of the bytes before `offset`.
  LineColumn line_column(uint32_t offset) const;

  // "prog.b:3:17 (byte 52)": the prefix of every error message that has a position.
  std::string describe(uint32_t offset) const;

 private:
  std::string name_;
  std::string bytes_;
};

// Reads a whole file into a Source; throws SourceReadError naming the file and the reason.
Source read_source_file(const std::string& path);

struct SourceReadError {
  std::string message;
};

}  // namespace bf
