// Progress: one self-overwriting status line on stderr ("[17/120] run/threaded/hanoi/O2 ..."),
// shown only when stderr is a terminal, so logs and pipes stay clean. Given what each step is
// expected to take, it also shows how long the rest will take.
#pragma once

#include <chrono>
#include <cstddef>
#include <ostream>
#include <optional>
#include <string>
#include <vector>

namespace bf::driver {

class Progress {
 public:
  Progress(std::ostream& out, bool enabled) : out_(out), enabled_(enabled) {}

  // Begins a phase of `total` steps; the elapsed time counts from here.
  void start(size_t total);
  // The same, with each step's expected seconds (nullopt: not known beforehand -- a run too long
  // for the pilot to finish -- estimated from the unknown ones already done, at least
  // `unknown_floor` seconds), so the line can say how long the rest takes.
  void start(std::vector<std::optional<double>> expected_seconds, double unknown_floor);
  // "[index/total] what  (m:ss elapsed, about m:ss left)", replacing the line shown before;
  // `index` counts from 1 and may be shown several times (once per repetition).
  void show(size_t index, const std::string& what);
  // Erases the line, so a table printed next does not land behind it.
  void clear();

  // The text show() prints, without the terminal controls (for tests).
  std::string line(size_t index, const std::string& what) const;

 private:
  std::ostream& out_;
  bool enabled_;
  bool visible_ = false;
  // What is left, in seconds, from step `index` on (index counting from 1); "" when not known.
  std::string time_left(size_t index) const;
  void note_step(size_t index);

  size_t total_ = 0;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::vector<std::optional<double>> expected_;
  double unknown_floor_ = 0;
  size_t current_ = 0;  // the step shown last
  std::chrono::steady_clock::time_point current_start_ = start_;
  double unknown_seconds_done_ = 0;  // time taken by the finished steps with no estimate
  size_t unknown_steps_done_ = 0;
};

bool stderr_is_terminal();

// "1:05", "12:00", "1:02:03"
std::string format_duration(double seconds);

}  // namespace bf::driver
