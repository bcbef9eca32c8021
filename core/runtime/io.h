// I/O endpoints: where a program's output goes and where its input comes from.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace bf {

// What `,` stores when the input is exhausted.
enum class EofPolicy : uint8_t {
  kKeep,  // leave the cell unchanged (the default)
  kZero,  // store 0
  kMax,   // store 255
};

// "keep", "0", "255": the spelling of the command line and the manifests.
std::string_view eof_name(EofPolicy policy);
// The policy spelled `text` that way; false when it is none of them.
bool parse_eof_name(std::string_view text, EofPolicy& policy);

class OutputSink {
 public:
  virtual ~OutputSink() = default;
  virtual void write(const uint8_t* bytes, size_t count) = 0;
};

class InputSource {
 public:
  virtual ~InputSource() = default;
  // Reads up to `capacity` bytes; returns 0 only at end of input. May return fewer bytes than
  // are eventually available (a terminal delivers a line at a time).
  virtual size_t read(uint8_t* buffer, size_t capacity) = 0;
};

// Writes to a file descriptor (stdout). A failed write (a closed pipe) is remembered, and later
// output is dropped, so the run ends normally and the caller reports the error -- unless
// end_process_on_error() was called.
class FdSink final : public OutputSink {
 public:
  explicit FdSink(int fd) : fd_(fd) {}
  void write(const uint8_t* bytes, size_t count) override;
  bool failed() const { return error_ != 0; }
  int error() const { return error_; }
  int fd() const { return fd_; }

  // For a command whose whole job is this output: a failed write prints `who`: "cannot write
  // output: <reason>" once on stderr and ends the process at once with `status`
  // (process_cleanup.h), since a program writing into a closed pipe may otherwise run forever.
  void end_process_on_error(int status, std::string who) {
    end_status_ = status;
    who_ = std::move(who);
  }

 private:
  int fd_;
  int error_ = 0;
  int end_status_ = 0;  // 0: remember the error instead
  std::string who_;
};

// Keeps everything in memory (tests, differential checks).
class StringSink final : public OutputSink {
 public:
  void write(const uint8_t* bytes, size_t count) override {
    data_.append(reinterpret_cast<const char*>(bytes), count);
  }
  const std::string& data() const { return data_; }

 private:
  std::string data_;
};

// Reads a file descriptor (stdin, or a file opened by the caller).
class FdSource final : public InputSource {
 public:
  explicit FdSource(int fd) : fd_(fd) {}
  size_t read(uint8_t* buffer, size_t capacity) override;

 private:
  int fd_;
};

// Serves a fixed byte string; the benchmark rewinds it before each run.
class BytesSource final : public InputSource {
 public:
  explicit BytesSource(std::string bytes) : bytes_(std::move(bytes)) {}
  size_t read(uint8_t* buffer, size_t capacity) override;
  void rewind() { position_ = 0; }

 private:
  std::string bytes_;
  size_t position_ = 0;
};

}  // namespace bf
