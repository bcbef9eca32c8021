#include "cli/pass_options.h"

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "cli/cli_common.h"
#include "core/passes/pass_switch.h"

namespace bf::cli {

void take_pass_options(int& argc, char** argv) {
  std::vector<std::string> disabled, only;
  bool only_given = false;
  int kept = 1;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    std::vector<std::string>* names = nullptr;
    std::string_view option;
    for (const std::string_view name : {"--disable-pass", "--only-passes"}) {
      if (arg == name || (arg.starts_with(name) && arg[name.size()] == '=')) option = name;
    }
    if (option.empty()) {
      argv[kept++] = argv[i];
      continue;
    }
    names = option == "--disable-pass" ? &disabled : &only;
    only_given = only_given || names == &only;
    std::string value;
    if (arg.size() > option.size()) {
      value = std::string(arg.substr(option.size() + 1));
    } else if (i + 1 < argc) {
      value = argv[++i];
    } else {
      throw UsageError{std::string(option) + " needs a pass name (see bfbench ir --passes)"};
    }
    for (std::string& name : split_lists({value})) names->push_back(std::move(name));
  }
  argc = kept;
  argv[argc] = nullptr;
  if (only_given && !disabled.empty()) {
    throw UsageError{"give --disable-pass or --only-passes, not both"};
  }
  try {
    if (only_given) {
      run_only_passes(only);
    } else if (!disabled.empty()) {
      disable_passes(disabled);
    }
  } catch (const std::invalid_argument& error) {
    throw UsageError{error.what()};
  }
}

}  // namespace bf::cli
