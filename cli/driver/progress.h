// Progress: one self-overwriting status line on stderr ("[17/120] run/threaded/hanoi/O2 ..."),
// shown only when stderr is a terminal, so logs and pipes stay clean.
#pragma once

#include <chrono>
#include <cstddef>
#include <ostream>
#include <string>

namespace bf::driver {

class Progress {
 public:
  Progress(std::ostream& out, bool enabled) : out_(out), enabled_(enabled) {}

  // Begins a phase of `total` steps; the elapsed time counts from here.
  void start(size_t total);
  // "[index/total] what  (m:ss elapsed)", replacing the line shown before.
  void show(size_t index, const std::string& what);
  // Erases the line, so a table printed next does not land behind it.
  void clear();

  // The text show() prints, without the terminal controls (for tests).
  std::string line(size_t index, const std::string& what) const;

 private:
  std::ostream& out_;
  bool enabled_;
  bool visible_ = false;
  size_t total_ = 0;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

bool stderr_is_terminal();

// "1:05", "12:00", "1:02:03"
std::string format_duration(double seconds);

}  // namespace bf::driver
