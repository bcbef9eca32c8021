#include "cli/driver/machine_facts.h"

#include <gnu/libc-version.h>
#include <sys/utsname.h>

#include <fstream>
#include <string_view>

namespace bf::driver {

namespace {

const char kUnknown[] = "unknown";

// The first line of a file (sysfs values are one line), or "unknown".
std::string first_line(const char* path) {
  std::ifstream in(path);
  std::string line;
  if (!in || !std::getline(in, line) || line.empty()) return kUnknown;
  return line;
}

// The value of the first "key : value" line of /proc/cpuinfo whose key is `key`.
std::string cpuinfo(const std::string& key) {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line)) {
    const auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string name = line.substr(0, colon);
    while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.pop_back();
    if (name != key) continue;
    const auto start = line.find_first_not_of(' ', colon + 1);
    return start == std::string::npos ? kUnknown : line.substr(start);
  }
  return kUnknown;
}

// PRETTY_NAME="Debian GNU/Linux 12 (bookworm)" -> Debian GNU/Linux 12 (bookworm)
std::string os_name() {
  std::ifstream in("/etc/os-release");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("PRETTY_NAME=", 0) != 0) continue;
    std::string value = line.substr(12);
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    return value.empty() ? kUnknown : value;
  }
  return kUnknown;
}

std::string kernel() {
  utsname names{};
  if (uname(&names) != 0) return kUnknown;
  return std::string(names.sysname) + " " + names.release + " " + names.version + " " +
         names.machine;
}

// "on (active)", "off", "notsupported"...: the kernel's SMT control and whether siblings run.
std::string smt() {
  const std::string control = first_line("/sys/devices/system/cpu/smt/control");
  const std::string active = first_line("/sys/devices/system/cpu/smt/active");
  if (control == kUnknown) return kUnknown;
  if (active == "1") return control + " (active)";
  if (active == "0") return control + " (inactive)";
  return control;
}

bool needs_quotes(const std::string& arg) {
  if (arg.empty()) return true;
  for (const char c : arg) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       std::string_view("-_./=:,+@%").find(c) != std::string_view::npos;
    if (!plain) return true;
  }
  return false;
}

}  // namespace

std::string cpu_model() { return cpuinfo("model name"); }

std::string shell_command_line(int argc, const char* const* argv) {
  std::string text;
  for (int i = 0; i < argc; ++i) {
    if (i > 0) text += ' ';
    const std::string arg = argv[i];
    if (!needs_quotes(arg)) {
      text += arg;
      continue;
    }
    // Single quotes keep everything literal; a quote inside becomes '\''.
    text += '\'';
    for (const char c : arg) text += c == '\'' ? std::string("'\\''") : std::string(1, c);
    text += '\'';
  }
  return text;
}

std::vector<std::pair<std::string, std::string>> machine_facts() {
  return {
      {"os", os_name()},
      {"kernel", kernel()},
      {"glibc", std::string("glibc ") + gnu_get_libc_version()},
      {"cpu_model", cpu_model()},
      {"cpu_flags", cpuinfo("flags")},
      {"cpu_governor", first_line("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor")},
      {"smt", smt()},
  };
}

}  // namespace bf::driver
