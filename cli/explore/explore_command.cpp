#include "cli/explore/explore_command.h"

#include <boost/program_options.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/boost_options.h"
#include "cli/cli_common.h"
#include "cli/exit_codes.h"
#include "cli/explore/explore_data.h"
#include "cli/explore/page_assets.h"  // generated from page.html, page.css, page.js

namespace po = boost::program_options;

namespace bf::cli {

namespace {

std::string read_input(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw CommandError{exit_code::kCannotRead, path + ": cannot read the input file"};
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// Replaces the one `marker` in `page` with `text`.
void fill(std::string& page, std::string_view marker, std::string_view text) {
  const size_t at = page.find(marker);
  if (at == std::string::npos) throw std::logic_error("page.html lacks " + std::string(marker));
  page.replace(at, marker.size(), text);
}

}  // namespace

int explore_command(int argc, char** argv) {
  po::options_description visible(
      "Usage: bfbench explore [options] FILE -o DIR\n"
      "       bfbench explore [options] -e CODE -o DIR\n\n"
      "Writes DIR/index.html, one self-contained page (no network) with linked panes: the source,\n"
      "the IR after each pass, each JIT's machine code per op and the threaded engine's decoded\n"
      "stream. Selecting a command, op or instruction highlights its counterparts everywhere; a\n"
      "counting run of the reference interpreter colours everything by execution count.\n\n"
      "Options");
  visible.add_options()("help,h", "show this help")("code,e", po::value<std::string>(),
                                                    "use CODE instead of a file")(
      "output,o", po::value<std::string>(), "the directory to write index.html into")(
      "level,O", po::value<std::string>()->default_value("O3"), "optimization level O0..O3")(
      "input", po::value<std::string>(), "the counting run's input, from this file (default none)")(
      "engines", po::value<std::string>(), "engines to compile, comma-separated (default: all)")(
      "max-steps", po::value<std::string>(), "stop the counting run after N loop tests")(
      "timeout", po::value<std::string>()->default_value("60"),
      "stop the counting run after this many seconds (its counts so far are shown)");
  const po::variables_map vm = parse_with_program_file(argc, argv, visible, "explore");
  if (vm.count("help")) {
    std::cout << visible;
    return exit_code::kOk;
  }
  if (!vm.count("output")) throw UsageError{"explore: -o DIR is required"};
  ExploreSettings settings;
  settings.level = parse_level(vm["level"].as<std::string>());
  if (vm.count("input")) settings.input = read_input(vm["input"].as<std::string>());
  if (vm.count("engines")) settings.engines = split_lists({vm["engines"].as<std::string>()});
  if (vm.count("max-steps")) {
    settings.max_steps = parse_count("max-steps", vm["max-steps"].as<std::string>());
  }
  settings.time_limit =
      std::chrono::duration<double>(parse_seconds("timeout", vm["timeout"].as<std::string>()));
  std::optional<std::string> file, code;
  if (vm.count("file")) file = vm["file"].as<std::string>();
  if (vm.count("code")) code = vm["code"].as<std::string>();
  const Source source = load_source(file, code);

  std::string page(kExplorePageHtml);
  fill(page, "/*BF_CSS*/", kExplorePageCss);
  fill(page, "/*BF_JS*/", kExplorePageJs);
  fill(page, "/*BF_DATA*/", explore_json(source, settings));

  const std::filesystem::path directory = vm["output"].as<std::string>();
  std::error_code error;
  std::filesystem::create_directories(directory, error);
  const std::filesystem::path path = directory / "index.html";
  std::ofstream out(path, std::ios::binary);
  out << page;
  out.close();
  if (!out) {
    throw CommandError{exit_code::kOutputError, path.string() + ": cannot write the page"};
  }
  std::cout << path.string() << "\n";
  return exit_code::kOk;
}

}  // namespace bf::cli
