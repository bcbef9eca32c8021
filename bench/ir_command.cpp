#include "bench/ir_command.h"

#include <boost/program_options.hpp>
#include <cstdio>
#include <iostream>
#include <optional>

#include "bench/cli_common.h"
#include "bench/exit_codes.h"
#include "core/ir_printer.h"
#include "core/passes/pipeline.h"

namespace po = boost::program_options;

namespace bf::cli {

namespace {

void print_passes() {
  for (int level = 1; level <= kMaxLevel; ++level) {
    std::cout << "O" << level << ":";
    for (const Pass& pass : passes_for_level(level)) {
      std::cout << " " << pass.name << (pass.name == disabled_pass() ? "(disabled)" : "");
    }
    std::cout << "\n";
  }
  std::cout << "\n";
  for (const Pass& pass : all_passes()) {
    std::printf("  %-22s %s%s\n", std::string(pass.name).c_str(), std::string(pass.description).c_str(),
                pass.name == disabled_pass() ? " [disabled in this build]" : "");
  }
}

}  // namespace

int ir_command(int argc, char** argv) {
  po::options_description visible(
      "Usage: bfbench ir [options] FILE\n"
      "       bfbench ir [options] -e CODE\n"
      "       bfbench ir --passes\n\n"
      "Prints the program's IR after the optimizer: one op per line, indented by loop depth,\n"
      "with the source byte(s) each op stands for.\n\n"
      "Options");
  visible.add_options()
      ("help,h", "show this help")
      ("code,e", po::value<std::string>(), "use CODE instead of a file")
      ("level,O", po::value<std::string>()->default_value("O0"), "optimization level O0..O3")
      ("passes", "list the passes of each level")
      ("stats", "print ops before/after each pass on stderr");
  po::options_description all = visible;
  all.add_options()("file", po::value<std::string>(), "program file");
  po::positional_options_description positional;
  positional.add("file", 1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& error) {
    throw UsageError{std::string("ir: ") + error.what()};
  }
  if (vm.count("help")) {
    std::cout << visible;
    return exit_code::kOk;
  }
  if (vm.count("passes")) {
    print_passes();
    return exit_code::kOk;
  }
  const int level = parse_level(vm["level"].as<std::string>());
  std::optional<std::string> file, code;
  if (vm.count("file")) file = vm["file"].as<std::string>();
  if (vm.count("code")) code = vm["code"].as<std::string>();
  const Source source = load_source(file, code);
  PassObserver observer;
  if (vm.count("stats")) {
    std::fprintf(stderr, "%-22s %10s %10s\n", "pass", "ops before", "ops after");
    observer = [](const Pass& pass, const Program& before, const Program& after) {
      std::fprintf(stderr, "%-22s %10zu %10zu\n", std::string(pass.name).c_str(), before.ops.size(),
                   after.ops.size());
    };
  }
  const Program program = optimize(parse_or_fail(source), level, observer);
  std::cout << print_ir(program);
  return exit_code::kOk;
}

}  // namespace bf::cli
