#include "cli/cli_common.h"

#include <cerrno>
#include <cmath>
#include <algorithm>
#include <cstdlib>
#include <string_view>

#include "cli/exit_codes.h"
#include "cli/suggest.h"
#include "core/parser.h"
#include "core/passes/pipeline.h"
#include "engines/builtin_engines.h"

namespace bf::cli {

int parse_level(const std::string& text) {
  std::string digits = text;
  if (!digits.empty() && (digits[0] == 'O' || digits[0] == 'o')) digits.erase(0, 1);
  if (digits.size() == 1 && digits[0] >= '0' && digits[0] - '0' <= kMaxLevel) {
    return digits[0] - '0';
  }
  throw UsageError{"unknown optimization level '" + text + "' (valid: O0, O1, O2, O3)"};
}

uint64_t parse_count(const std::string& option, const std::string& text) {
  const auto bad = [&] {
    return UsageError{"--" + option + " must be a positive whole number (optionally with K, M or G), not '" +
                      text + "'"};
  };
  if (text.empty() || text[0] < '0' || text[0] > '9') throw bad();
  errno = 0;
  char* end = nullptr;
  uint64_t value = std::strtoull(text.c_str(), &end, 10);
  if (errno == ERANGE) throw bad();
  const std::string suffix(end);
  int shift = 0;
  if (suffix == "K" || suffix == "k") shift = 10;
  else if (suffix == "M" || suffix == "m") shift = 20;
  else if (suffix == "G" || suffix == "g") shift = 30;
  else if (!suffix.empty()) throw bad();
  if (value == 0 || value > (UINT64_MAX >> shift)) throw bad();
  return value << shift;
}

double parse_seconds(const std::string& option, const std::string& text) {
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (text.empty() || *end != '\0' || !std::isfinite(value) || value <= 0) {
    throw UsageError{"--" + option + " must be a positive number of seconds, not '" + text + "'"};
  }
  return value;
}

std::vector<std::string> split_lists(const std::vector<std::string>& values) {
  std::vector<std::string> names;
  for (const std::string& value : values) {
    // Plain string_view splitting, not a stringstream: `run` calls this at every start.
    std::string_view rest = value;
    while (!rest.empty()) {
      const size_t comma = rest.find(',');
      std::string_view piece = rest.substr(0, comma);
      rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
      piece.remove_prefix(std::min(piece.find_first_not_of(' '), piece.size()));  // "a, b"
      if (!piece.empty() && std::find(names.begin(), names.end(), piece) == names.end()) {
        names.emplace_back(piece);
      }
    }
  }
  return names;
}

const EngineInfo& find_engine(const std::string& name) {
  const EngineRegistry& registry = builtin_engines();
  const EngineInfo* info = registry.find(name);
  if (info == nullptr) {
    throw UsageError{"unknown engine '" + name + "'" +
                     did_you_mean(name, split_lists({registry.names()})) +
                     " (valid: " + registry.names() + ")"};
  }
  if (!info->available) {
    throw CommandError{exit_code::kUsage,
                       "engine '" + name + "' is unavailable in this build: " + info->unavailable_reason};
  }
  return *info;
}

const EngineInfo& default_engine() {
  const EngineRegistry& registry = builtin_engines();
  for (const char* name : {"handjit", "asmjit", "xbyak", "threaded", "naive"}) {
    const EngineInfo* info = registry.find(name);
    if (info != nullptr && info->available) return *info;
  }
  return registry.all().front();
}

Source load_source(const std::optional<std::string>& file, const std::optional<std::string>& code) {
  if (file && code) throw UsageError{"give either a FILE or -e CODE, not both"};
  if (code) return Source("-e", *code);
  if (!file) throw UsageError{"no program given (a FILE or -e CODE)"};
  try {
    return read_source_file(*file);
  } catch (const SourceReadError& error) {
    throw CommandError{exit_code::kCannotRead, error.message};
  }
}

namespace {

template <typename Parse>
Program or_fail(const Source& source, Parse parse_source) {
  try {
    return parse_source();
  } catch (const ParseError& error) {
    throw CommandError{exit_code::kBadProgram, source.describe(error.byte) + ": " + error.message};
  }
}

}  // namespace

Program parse_or_fail(const Source& source) {
  return or_fail(source, [&] { return parse(source); });
}

Program parse_and_optimize_or_fail(const Source& source, int level) {
  return or_fail(source, [&] { return parse_and_optimize(source, level); });
}

}  // namespace bf::cli
