// The front door's hand-over: commands `bfbench` itself does not carry (the benchmark driver,
// asm, measure, --help) run in the bfbench-tools executable, which links the heavy libraries
// (Google Benchmark, Capstone, libcrypto) that a plain `bfbench run` should not load.
#pragma once

#include <string>

namespace bf::cli {

// Where bfbench-tools lives: beside this executable (the build tree), or in
// ../libexec/bfbench/ relative to it (an installed tree). Empty if neither exists.
std::string tools_executable_path();

// Replaces this process with bfbench-tools, same arguments; returns only on failure, after
// printing why (the caller exits 70).
void exec_tools(char** argv);

}  // namespace bf::cli
