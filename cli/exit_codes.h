// Exit codes of bfbench, sysexits-style, so scripts can tell a bad program from a bad flag.
#pragma once

namespace bf::exit_code {

inline constexpr int kOk = 0;
inline constexpr int kFailed = 1;          // a benchmark or check failed (wrong output, regression)
inline constexpr int kUsage = 64;          // bad flag, unknown engine or level
inline constexpr int kBadProgram = 65;     // the program does not parse
inline constexpr int kCannotRead = 66;     // a file cannot be read
inline constexpr int kRuntimeTrap = 70;    // tape under/overflow, step limit, engine failure
inline constexpr int kOutputError = 74;    // writing the output failed
inline constexpr int kTimeLimit = 124;     // --timeout expired (as timeout(1) reports it)

}  // namespace bf::exit_code
