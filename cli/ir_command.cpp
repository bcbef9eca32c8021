#include "cli/ir_command.h"

#include <boost/program_options.hpp>
#include <cstdio>
#include <iostream>
#include <optional>

#include "cli/boost_options.h"
#include "cli/cli_common.h"
#include "cli/exit_codes.h"
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
    const Rounds rounds = rounds_for_level(level);
    if (rounds.max > 1) {  // on a line of its own: scripts read the level's line as pass names
      std::cout << "    passes " << rounds.first + 1 << "-" << passes_for_level(level).size()
                << " again while a round removes a loop, " << rounds.max << " rounds at most\n";
    }
  }
  std::cout << "\n";
  for (const Pass& pass : all_passes()) {
    std::printf("  %-22s %s%s\n", std::string(pass.name).c_str(), std::string(pass.description).c_str(),
                pass.name == disabled_pass() ? " [disabled in this build]" : "");
  }
}

// "add -3 muladd +2": how many ops of each kind a pass added or removed (a rewrite that keeps the
// op count, like collapse-loops, still shows).
std::string kind_changes(const Program& before, const Program& after) {
  int delta[kOpKindCount] = {};
  for (const Op& op : before.ops) --delta[static_cast<int>(op.kind)];
  for (const Op& op : after.ops) ++delta[static_cast<int>(op.kind)];
  std::string text;
  for (int kind = 0; kind < kOpKindCount; ++kind) {
    if (delta[kind] == 0) continue;
    if (!text.empty()) text += ' ';
    text += op_kind_name(static_cast<OpKind>(kind));
    text += delta[kind] > 0 ? " +" : " ";
    text += std::to_string(delta[kind]);
  }
  return text;
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
      ("level,O", po::value<std::string>()->default_value("O3"), "optimization level O0..O3")
      ("passes", "list the passes of each level")
      ("stats", "print ops before/after each pass on stderr");
  const po::variables_map vm = parse_with_program_file(argc, argv, visible, "ir");
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
    std::fprintf(stderr, "%-22s %10s %10s  %s\n", "pass", "ops before", "ops after", "ops by kind");
    observer = [](const Pass& pass, const Program& before, const Program& after) {
      std::fprintf(stderr, "%-22s %10zu %10zu  %s\n", std::string(pass.name).c_str(), before.ops.size(),
                   after.ops.size(), kind_changes(before, after).c_str());
    };
  }
  const Program program = optimize(parse_or_fail(source), level, observer);
  std::cout << print_ir(program);
  return exit_code::kOk;
}

}  // namespace bf::cli
