#include "cli/run_options.h"

#include "cli/cli_common.h"

namespace bf::cli {

namespace {

EofPolicy parse_eof(const std::string& text) {
  if (text == "keep") return EofPolicy::kKeep;
  if (text == "0") return EofPolicy::kZero;
  if (text == "255" || text == "-1") return EofPolicy::kMax;
  throw UsageError{"--eof must be keep, 0 or 255, not '" + text + "'"};
}

std::optional<std::string> value_of(const OptionValues& values, std::string_view name) {
  const auto found = values.find(name);
  if (found == values.end()) return std::nullopt;
  return found->second;
}

}  // namespace

const char* const kRunUsage =
    "Usage: bfbench run [options] FILE\n"
    "       bfbench run [options] -e CODE\n\n"
    "Runs a Brainf*ck program: output to stdout, input from stdin unless --input is given.\n\n"
    "Options";

const char* const kRunHelpEnd =
    "\nExit codes: 0 ok, 64 bad usage, 65 program does not parse, 66 file cannot be read,\n70 tape "
    "under/overflow or step limit, 74 output cannot be written, 124 time limit,\n129/130/143 "
    "ended by SIGHUP/SIGINT/SIGTERM (the C compiler and temporary files go too;\nthe output so "
    "far is written).\n";

namespace {

std::string engine_help() {
  return "engine to use (see `bfbench engines`; default: " + default_engine().name +
         ", the fastest in this build)";
}

constexpr OptionSpec kRunOptionSpecs[] = {
    {"help,h", false, nullptr, "show this help"},
    {"code,e", true, nullptr, "run CODE instead of a file"},
    {"engine", true, nullptr, nullptr, engine_help},
    {"level,O", true, "O3", "optimization level O0..O3"},
    {"input,i", true, nullptr, "read the program's input from this file"},
    {"input-text", true, nullptr, "use this text as the program's input"},
    {"eof", true, "keep", "what ',' stores at end of input: keep (cell unchanged), 0, or 255"},
    {"tape-size", true, nullptr,
     "tape cells, rounded up to whole 4 KiB pages (default 1M); K/M/G suffixes allowed"},
    {"max-steps", true, nullptr,
     "stop with an error after this many loop iterations (executed '[' and ']' tests)"},
    {"timeout", true, nullptr,
     "stop with an error after this many seconds, compile included (exit 124)"},
    {"compile-timeout", true, nullptr,
     "cc engine: stop the C compiler after this many seconds (exit 70); default 30 s plus "
     "10 ms per op of the optimized program"},
    {"max-code-size", true, nullptr,
     "largest program source, and largest machine code a JIT may generate, in bytes (default "
     "1G; K/M/G suffixes allowed): more is an error (exit 65 for the source, 70 for the code)"},
    {"perf-map", false, nullptr,
     "JIT engines: name their code per op in /tmp/perf-PID.map, for perf report"},
};

}  // namespace

OptionSpecs run_option_specs() { return kRunOptionSpecs; }

RunOptions run_options_from(const OptionValues& values) {
  RunOptions options;
  options.file = value_of(values, "file");
  options.code = value_of(values, "code");
  options.engine = value_of(values, "engine").value_or(default_engine().name);
  options.level = parse_level(values.at("level"));
  options.input_file = value_of(values, "input");
  options.input_text = value_of(values, "input-text");
  if (options.input_file && options.input_text) {
    throw UsageError{"give either --input or --input-text, not both"};
  }
  options.eof = parse_eof(values.at("eof"));
  if (const auto text = value_of(values, "tape-size")) {
    options.tape_cells = parse_count("tape-size", *text);
  }
  if (const auto text = value_of(values, "max-steps")) {
    options.max_steps = parse_count("max-steps", *text);
  }
  if (const auto text = value_of(values, "timeout")) {
    options.timeout_seconds = parse_seconds("timeout", *text);
  }
  if (const auto text = value_of(values, "max-code-size")) {
    options.max_code_bytes = parse_count("max-code-size", *text);
  }
  options.perf_map = values.contains("perf-map");
  if (const auto text = value_of(values, "compile-timeout")) {
    options.compile_timeout_seconds = parse_seconds("compile-timeout", *text);
  }
  return options;
}

}  // namespace bf::cli
