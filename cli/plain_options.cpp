#include "cli/plain_options.h"

#include <optional>
#include <string_view>

namespace bf::cli {

namespace {

const OptionSpec* find_long(OptionSpecs specs, std::string_view name) {
  for (const OptionSpec& spec : specs) {
    if (spec.long_name() == name) return &spec;
  }
  return nullptr;
}

const OptionSpec* find_short(OptionSpecs specs, char name) {
  for (const OptionSpec& spec : specs) {
    if (spec.short_name() == name) return &spec;
  }
  return nullptr;
}

}  // namespace

std::optional<OptionValues> parse_plain_options(int argc, char** argv, OptionSpecs specs,
                                                const std::string& positional_name) {
  OptionValues values;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg.empty() || arg == "-") return std::nullopt;
    if (arg[0] != '-') {
      if (!values.emplace(positional_name, arg).second) return std::nullopt;
      continue;
    }
    const OptionSpec* spec = nullptr;
    std::optional<std::string_view> value;
    if (arg.starts_with("--")) {
      std::string_view name = arg.substr(2);
      if (const size_t equals = name.find('='); equals != std::string_view::npos) {
        value = name.substr(equals + 1);
        name = name.substr(0, equals);
      }
      spec = find_long(specs, name);
    } else {
      spec = find_short(specs, arg[1]);
      if (arg.size() > 2) value = arg.substr(2);
    }
    if (spec == nullptr) return std::nullopt;
    if (!spec->takes_value) {
      if (value) return std::nullopt;
    } else if (value) {  // in the same word: --name=VALUE, -xVALUE
      if (value->empty() || value->front() == '=' || value->front() == '-') return std::nullopt;
    } else {  // the next word, which may be empty (-e '')
      if (i + 1 == argc || argv[i + 1][0] == '-') return std::nullopt;
      value = argv[++i];
    }
    if (!values.emplace(spec->long_name(), value.value_or("")).second) return std::nullopt;
  }
  for (const OptionSpec& spec : specs) {
    if (spec.default_value != nullptr) values.emplace(spec.long_name(), spec.default_value);
  }
  return values;
}

}  // namespace bf::cli
