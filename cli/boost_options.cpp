#include "cli/boost_options.h"

#include "cli/suggest.h"

namespace bf::cli {

namespace po = boost::program_options;

boost::program_options::variables_map parse_with_program_file(
    int argc, char** argv, const boost::program_options::options_description& visible,
    const std::string& command) {
  po::options_description all = visible;
  all.add_options()("file", po::value<std::string>(), "program file");
  po::positional_options_description positional;
  positional.add("file", 1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& error) {
    throw option_error(command + ": ", error, visible);
  }
  return vm;
}

UsageError option_error(const std::string& prefix, const boost::program_options::error& error,
                        const boost::program_options::options_description& known) {
  std::string message = prefix + error.what();
  if (const auto* unknown = dynamic_cast<const boost::program_options::unknown_option*>(&error)) {
    std::vector<std::string> names;
    for (const auto& option : known.options()) names.push_back("--" + option->long_name());
    const std::string typed = unknown->get_option_name();
    message += did_you_mean(typed.substr(0, typed.find('=')), names);
  }
  return UsageError{message};
}

po::options_description describe_options(const std::string& caption, OptionSpecs specs) {
  po::options_description options(caption);
  for (const OptionSpec& spec : specs) {
    const std::string help = spec.description();
    if (!spec.takes_value) {
      options.add_options()(spec.names, help.c_str());
    } else if (spec.default_value != nullptr) {
      options.add_options()(spec.names, po::value<std::string>()->default_value(spec.default_value),
                            help.c_str());
    } else {
      options.add_options()(spec.names, po::value<std::string>(), help.c_str());
    }
  }
  return options;
}

OptionValues option_values(const po::variables_map& vm, OptionSpecs specs) {
  OptionValues values;
  for (const OptionSpec& spec : specs) {
    const std::string name(spec.long_name());
    if (vm.count(name) == 0) continue;
    values.emplace(name, spec.takes_value ? vm[name].as<std::string>() : "");
  }
  if (vm.count("file")) values.emplace("file", vm["file"].as<std::string>());
  return values;
}

}  // namespace bf::cli
