// Machine facts: what a result depends on besides our code (OS, kernel, C library, CPU model and
// flags, frequency governor, SMT), read from /proc, /sys and the C library for the JSON context.
// Each is "unknown" when the machine does not expose it (containers often hide /sys/.../cpufreq).
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace bf::driver {

// (context key, value) pairs, in the order the report lists them.
std::vector<std::pair<std::string, std::string>> machine_facts();

// "Intel(R) Xeon(R) ...", from /proc/cpuinfo; "unknown" when it cannot be read.
std::string cpu_model();

// The command as typed, each argument quoted for a POSIX shell where it needs it, so that it can
// be pasted back: `build/cli/bfbench --benchmark_filter='^run/naive/hello/O0$'`.
std::string shell_command_line(int argc, const char* const* argv);

}  // namespace bf::driver
