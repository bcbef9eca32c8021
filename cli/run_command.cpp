#include "cli/run_command.h"

#include <iostream>

#include "cli/boost_options.h"
#include "cli/exit_codes.h"
#include "cli/run_options.h"
#include "cli/run_program.h"

namespace bf::cli {

int run_command(int argc, char** argv) {
  const OptionSpecs specs = run_option_specs();
  const boost::program_options::options_description visible = describe_options(kRunUsage, specs);
  const OptionValues values =
      option_values(parse_with_program_file(argc, argv, visible, "run"), specs);
  if (values.contains("help")) {
    std::cout << visible << kRunHelpEnd;
    return exit_code::kOk;
  }
  return run_program(run_options_from(values));
}

}  // namespace bf::cli
