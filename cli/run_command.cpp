#include "cli/run_command.h"

#include <fcntl.h>
#include <unistd.h>

#include <boost/program_options.hpp>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <iostream>
#include <memory>
#include <optional>
#include <utility>

#include "cli/cli_common.h"
#include "cli/exit_codes.h"
#include "core/passes/pipeline.h"
#include "core/runtime/process_cleanup.h"
#include "core/runtime/program_run.h"

namespace po = boost::program_options;

namespace bf::cli {

namespace {

struct RunOptions {
  std::optional<std::string> file;
  std::optional<std::string> code;
  std::string engine;
  int level = kMaxLevel;
  std::optional<std::string> input_file;
  std::optional<std::string> input_text;
  EofPolicy eof = EofPolicy::kKeep;
  uint64_t tape_cells = kDefaultTapeCells;
  uint64_t max_steps = 0;
  double timeout_seconds = 0;
  double compile_timeout_seconds = 0;  // 0: the engine's default
  uint64_t max_code_bytes = CompileOptions{}.max_code_bytes;
  bool perf_map = false;
};

po::options_description run_options_description() {
  po::options_description options(
      "Usage: bfbench run [options] FILE\n"
      "       bfbench run [options] -e CODE\n\n"
      "Runs a Brainf*ck program: output to stdout, input from stdin unless --input is given.\n\n"
      "Options");
  options.add_options()
      ("help,h", "show this help")
      ("code,e", po::value<std::string>(), "run CODE instead of a file")
      ("engine", po::value<std::string>(),
       ("engine to use (see `bfbench engines`; default: " + default_engine().name +
        ", the fastest in this build)").c_str())
      ("level,O", po::value<std::string>()->default_value("O3"), "optimization level O0..O3")
      ("input,i", po::value<std::string>(), "read the program's input from this file")
      ("input-text", po::value<std::string>(), "use this text as the program's input")
      ("eof", po::value<std::string>()->default_value("keep"),
       "what ',' stores at end of input: keep (cell unchanged), 0, or 255")
      ("tape-size", po::value<std::string>(),
       "tape cells, rounded up to whole 4 KiB pages (default 1M); K/M/G suffixes allowed")
      ("max-steps", po::value<std::string>(),
       "stop with an error after this many loop iterations (executed '[' and ']' tests)")
      ("timeout", po::value<std::string>(),
       "stop with an error after this many seconds, compile included (exit 124)")
      ("compile-timeout", po::value<std::string>(),
       "cc engine: stop the C compiler after this many seconds (exit 70); default 30 s plus "
       "10 ms per op of the optimized program")
      ("max-code-size", po::value<std::string>(),
       "largest program source, and largest machine code a JIT may generate, in bytes (default "
       "1G; K/M/G suffixes allowed): more is an error (exit 65 for the source, 70 for the code)")
      ("perf-map", "JIT engines: name their code per op in /tmp/perf-PID.map, for perf report");
  return options;
}

EofPolicy parse_eof(const std::string& text) {
  if (text == "keep") return EofPolicy::kKeep;
  if (text == "0") return EofPolicy::kZero;
  if (text == "255" || text == "-1") return EofPolicy::kMax;
  throw UsageError{"--eof must be keep, 0 or 255, not '" + text + "'"};
}

// The options, or nullopt after printing the help.
std::optional<RunOptions> parse_run_options(int argc, char** argv) {
  const po::options_description visible = run_options_description();
  const po::variables_map vm = parse_with_program_file(argc, argv, visible, "run");
  if (vm.count("help")) {
    std::cout << visible << "\nExit codes: 0 ok, 64 bad usage, 65 program does not parse, 66 file "
                            "cannot be read,\n70 tape under/overflow or step limit, 74 output "
                            "cannot be written, 124 time limit,\n129/130/143 ended by "
                            "SIGHUP/SIGINT/SIGTERM (the C compiler and temporary files go too;\n"
                            "the output so far is written).\n";
    return std::nullopt;
  }
  RunOptions options;
  if (vm.count("file")) options.file = vm["file"].as<std::string>();
  if (vm.count("code")) options.code = vm["code"].as<std::string>();
  options.engine = vm.count("engine") ? vm["engine"].as<std::string>() : default_engine().name;
  options.level = parse_level(vm["level"].as<std::string>());
  if (vm.count("input")) options.input_file = vm["input"].as<std::string>();
  if (vm.count("input-text")) options.input_text = vm["input-text"].as<std::string>();
  if (options.input_file && options.input_text) {
    throw UsageError{"give either --input or --input-text, not both"};
  }
  options.eof = parse_eof(vm["eof"].as<std::string>());
  if (vm.count("tape-size")) options.tape_cells = parse_count("tape-size", vm["tape-size"].as<std::string>());
  if (vm.count("max-steps")) options.max_steps = parse_count("max-steps", vm["max-steps"].as<std::string>());
  if (vm.count("timeout")) options.timeout_seconds = parse_seconds("timeout", vm["timeout"].as<std::string>());
  if (vm.count("max-code-size")) {
    options.max_code_bytes = parse_count("max-code-size", vm["max-code-size"].as<std::string>());
  }
  options.perf_map = vm.count("perf-map") > 0;
  if (vm.count("compile-timeout")) {
    options.compile_timeout_seconds =
        parse_seconds("compile-timeout", vm["compile-timeout"].as<std::string>());
  }
  return options;
}

// Opens --input FILE (66 if it cannot be read), or uses the text, or stdin.
std::unique_ptr<InputSource> open_input(const RunOptions& options, int& fd_to_close) {
  if (options.input_text) return std::make_unique<BytesSource>(*options.input_text);
  if (!options.input_file) return std::make_unique<FdSource>(STDIN_FILENO);
  fd_to_close = ::open(options.input_file->c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_to_close < 0) {
    throw CommandError{exit_code::kCannotRead, *options.input_file + ": cannot read: " + std::strerror(errno)};
  }
  char probe;
  if (::read(fd_to_close, &probe, 0) < 0) {  // a directory opens but cannot be read
    const int error = errno;
    ::close(fd_to_close);
    throw CommandError{exit_code::kCannotRead, *options.input_file + ": cannot read: " + std::strerror(error)};
  }
  return std::make_unique<FdSource>(fd_to_close);
}

int exit_code_for(RunStatus status) {
  switch (status) {
    case RunStatus::kOk: return exit_code::kOk;
    case RunStatus::kTapeUnderflow:
    case RunStatus::kTapeOverflow:
    case RunStatus::kStepLimit: return exit_code::kRuntimeTrap;
    case RunStatus::kTimeLimit: return exit_code::kTimeLimit;
  }
  return exit_code::kRuntimeTrap;
}

}  // namespace

int run_command(int argc, char** argv) {
  const std::optional<RunOptions> parsed = parse_run_options(argc, argv);
  if (!parsed) return exit_code::kOk;
  const RunOptions& options = *parsed;

  const EngineInfo& engine_info = find_engine(options.engine);
  const Source source = load_source(options.file, options.code);
  if (source.bytes().size() > options.max_code_bytes) {
    throw CommandError{exit_code::kBadProgram,
                       source.name() + ": " + std::to_string(source.bytes().size()) +
                           " bytes of source exceed --max-code-size (" +
                           std::to_string(options.max_code_bytes) + ")"};
  }
  Program program = parse_and_optimize_or_fail(source, options.level);

  int input_fd = -1;
  std::unique_ptr<InputSource> input = open_input(options, input_fd);
  FdSink output(STDOUT_FILENO);
  // A closed pipe ends the run at once (exit 74), not after a program that may never stop.
  output.end_process_on_error(exit_code::kOutputError, "bfbench");

  ProgramRun run(output, *input,
                 {.eof = options.eof,
                  .max_steps = options.max_steps,
                  .time_limit = std::chrono::duration<double>(options.timeout_seconds)});
  run.reset();
  run.start_watchdog();  // --timeout covers the compile too: it kills a C compiler still running

  CompileOptions compile_options;
  compile_options.count_steps = options.max_steps > 0 || options.timeout_seconds > 0;
  compile_options.compile_timeout_seconds = options.compile_timeout_seconds;
  compile_options.max_code_bytes = options.max_code_bytes;
  compile_options.perf_map = options.perf_map;
  std::unique_ptr<Executable> executable;
  try {
    executable = engine_info.make()->compile_owned(std::move(program), compile_options);
  } catch (const CompileError& error) {
    if (run.state().timed_out) {
      throw CommandError{exit_code::kTimeLimit,
                         options.engine + ": time limit (--timeout) reached while compiling"};
    }
    throw CommandError{exit_code::kRuntimeTrap, options.engine + ": cannot compile: " + error.what()};
  }
  Tape tape(options.tape_cells);

  // A signal that ends bfbench still writes what the program printed so far.
  cleanup::set_pending_output(&run.state(), STDOUT_FILENO);
  const RunResult result = run.run_and_flush(*executable, tape);  // after a trap too
  cleanup::set_pending_output(nullptr, -1);
  run.stop_watchdog();
  if (input_fd >= 0) ::close(input_fd);
  if (output.failed()) {
    std::cerr << "bfbench: cannot write output: " << std::strerror(output.error()) << "\n";
    return exit_code::kOutputError;
  }
  if (!result.ok()) {
    std::cerr << describe_failure(result, source, tape.size()) << "\n";
  }
  return exit_code_for(result.status);
}

}  // namespace bf::cli
