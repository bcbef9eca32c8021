#include "cli/driver/progress.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>

namespace bf::driver {

void Progress::start(size_t total) {
  total_ = total;
  start_ = std::chrono::steady_clock::now();
  expected_.clear();
  current_ = 0;
}

void Progress::start(std::vector<std::optional<double>> expected_seconds, double unknown_floor) {
  start(expected_seconds.size());
  expected_ = std::move(expected_seconds);
  unknown_floor_ = unknown_floor;
  unknown_seconds_done_ = 0;
  unknown_steps_done_ = 0;
}

void Progress::note_step(size_t index) {
  if (index == current_) return;
  const auto now = std::chrono::steady_clock::now();
  if (current_ >= 1 && current_ <= expected_.size() && !expected_[current_ - 1]) {
    unknown_seconds_done_ += std::chrono::duration<double>(now - current_start_).count();
    ++unknown_steps_done_;
  }
  current_ = index;
  current_start_ = now;
}

std::string Progress::time_left(size_t index) const {
  if (expected_.empty() || index < 1) return "";
  const double unknown_each =
      unknown_steps_done_ == 0 ? unknown_floor_
                               : std::max(unknown_floor_, unknown_seconds_done_ / unknown_steps_done_);
  double left = 0;
  for (size_t i = index - 1; i < expected_.size(); ++i) left += expected_[i].value_or(unknown_each);
  // The step under way is partly done.
  if (index == current_) {
    const double in_step =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - current_start_).count();
    left -= std::min(in_step, expected_[index - 1].value_or(unknown_each));
  }
  return ", about " + format_duration(left) + " left";
}

std::string Progress::line(size_t index, const std::string& what) const {
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  std::string text(1, '[');
  text += std::to_string(index);
  text += '/';
  text += std::to_string(total_);
  text += "] ";
  text += what;
  text += "  (";
  text += format_duration(elapsed);
  text += " elapsed";
  text += time_left(index);
  text += ')';
  return text;
}

void Progress::show(size_t index, const std::string& what) {
  if (!enabled_) return;
  note_step(index);
  // \r and "erase line": the next line replaces this one instead of scrolling.
  out_ << "\r\033[K" << line(index, what) << std::flush;
  visible_ = true;
}

void Progress::clear() {
  if (!visible_) return;
  out_ << "\r\033[K" << std::flush;
  visible_ = false;
}

bool stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

std::string format_duration(double seconds) {
  const long total = static_cast<long>(seconds + 0.5);
  char text[32];
  if (total >= 3600) {
    std::snprintf(text, sizeof text, "%ld:%02ld:%02ld", total / 3600, total / 60 % 60, total % 60);
  } else {
    std::snprintf(text, sizeof text, "%ld:%02ld", total / 60, total % 60);
  }
  return text;
}

}  // namespace bf::driver
