// Pieces every bfbench subcommand shares: usage errors, level/engine lookup, program loading.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/engine_registry.h"
#include "core/program.h"
#include "core/source.h"

namespace bf::cli {

// Thrown for anything the user typed wrong; main prints it on one line and exits 64.
struct UsageError {
  std::string message;
};

// Thrown when the program or another file cannot be used; main prints `message` and exits `code`.
struct CommandError {
  int code;
  std::string message;
};

// "O2", "o2" or "2" -> 2; anything else is a UsageError listing the levels.
int parse_level(const std::string& text);

// A positive integer with an optional K/M/G suffix (binary multiples): "30000", "1M".
uint64_t parse_count(const std::string& option, const std::string& text);

// Seconds, > 0: "2", "0.5".
double parse_seconds(const std::string& option, const std::string& text);

// "a,b" and repeated options both give {"a", "b"}; empty pieces and repeats are dropped.
std::vector<std::string> split_lists(const std::vector<std::string>& values);

// The engine named `name`, or UsageError naming the valid ones; CommandError(64) if unavailable.
const EngineInfo& find_engine(const std::string& name);

// The engine `run` uses when none is named: the fastest one available in this build.
const EngineInfo& default_engine();

// The program from FILE or from -e CODE; unreadable file -> CommandError(66).
Source load_source(const std::optional<std::string>& file, const std::optional<std::string>& code);

// parse() with a ParseError turned into CommandError(65) "file:line:col (byte N): message".
Program parse_or_fail(const Source& source);

// parse_and_optimize() (core/passes/pipeline.h: folds while parsing), errors as parse_or_fail's.
Program parse_and_optimize_or_fail(const Source& source, int level);

}  // namespace bf::cli
