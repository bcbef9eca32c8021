#include "cli/driver/progress.h"

#include <unistd.h>

#include <cstdio>

namespace bf::driver {

void Progress::start(size_t total) {
  total_ = total;
  start_ = std::chrono::steady_clock::now();
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
  text += " elapsed)";
  return text;
}

void Progress::show(size_t index, const std::string& what) {
  if (!enabled_) return;
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
