// CCompiler: the system C compiler, found at run time, turning C source into loaded machine code.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engines/cc/shared_library.h"

namespace bf::cc {

struct CCompiler {
  // The compiler's resolved path, then any further words of $CC ("ccache gcc" -> gcc's words).
  std::vector<std::string> command;
};

// $CC if set (split at blanks; its first word looked up in PATH), else cc, else gcc. nullopt, with
// `why_not` saying what was looked for, when there is none.
std::optional<CCompiler> find_c_compiler(std::string& why_not);

// The compiler as the user would type it (for messages): "/usr/bin/cc".
std::string describe(const CCompiler& compiler);

// Writes `c_source` into a fresh temporary directory, compiles it with -O2 into a shared object,
// loads it, and removes the directory. Safe to call from several threads at once. Throws
// CompileError carrying the compiler's first error line, or naming `time_limit` when the
// compiler ran longer (its whole process group is then killed). While it runs, the compiler and
// the directory are registered with process_cleanup.h, so a signal that ends bfbench ends them.
std::unique_ptr<SharedLibrary> compile_and_load(const CCompiler& compiler,
                                                const std::string& c_source,
                                                std::chrono::duration<double> time_limit);

}  // namespace bf::cc
