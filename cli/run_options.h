// The options of `bfbench run`: their table (read by both command-line parsers, option_spec.h)
// and what they ask for.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "cli/option_spec.h"
#include "core/engine.h"
#include "core/passes/pipeline.h"
#include "core/runtime/io.h"
#include "core/runtime/tape.h"

namespace bf::cli {

struct RunOptions {
  std::optional<std::string> file;
  std::optional<std::string> code;
  std::string engine;
  int level = kMaxLevel;
  std::optional<std::string> input_file;
  std::optional<std::string> input_text;
  EofPolicy eof = EofPolicy::kKeep;
  uint64_t tape_cells = kDefaultTapeCells;
  uint64_t max_steps = 0;
  double timeout_seconds = 0;
  double compile_timeout_seconds = 0;  // 0: the engine's default
  uint64_t max_code_bytes = CompileOptions{}.max_code_bytes;
  bool perf_map = false;
};

// `run`'s options in the order --help lists them (the program FILE is positional, "file").
OptionSpecs run_option_specs();

// --help's first lines and its closing paragraph on exit codes.
extern const char* const kRunUsage;
extern const char* const kRunHelpEnd;

// The options the values ask for; a value that does not fit its option is a UsageError.
RunOptions run_options_from(const OptionValues& values);

}  // namespace bf::cli
