#include "cli/run_program.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <memory>
#include <utility>

#include "cli/cli_common.h"
#include "cli/exit_codes.h"
#include "core/passes/pipeline.h"
#include "core/runtime/process_cleanup.h"
#include "core/runtime/program_run.h"

namespace bf::cli {

namespace {

// Opens --input FILE (66 if it cannot be read), or uses the text, or stdin.
std::unique_ptr<InputSource> open_input(const RunOptions& options, int& fd_to_close) {
  if (options.input_text) return std::make_unique<BytesSource>(*options.input_text);
  if (!options.input_file) return std::make_unique<FdSource>(STDIN_FILENO);
  fd_to_close = ::open(options.input_file->c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_to_close < 0) {
    throw CommandError{exit_code::kCannotRead,
                       *options.input_file + ": cannot read: " + std::strerror(errno)};
  }
  char probe;
  if (::read(fd_to_close, &probe, 0) < 0) {  // a directory opens but cannot be read
    const int error = errno;
    ::close(fd_to_close);
    throw CommandError{exit_code::kCannotRead,
                       *options.input_file + ": cannot read: " + std::strerror(error)};
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

int run_program(const RunOptions& options) {
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
    throw CommandError{exit_code::kRuntimeTrap,
                       options.engine + ": cannot compile: " + error.what()};
  }
  Tape tape(options.tape_cells);

  // A signal that ends bfbench still writes what the program printed so far.
  cleanup::set_pending_output(&run.state(), STDOUT_FILENO);
  const RunResult result = run.run_and_flush(*executable, tape);  // after a trap too
  cleanup::set_pending_output(nullptr, -1);
  run.stop_watchdog();
  if (input_fd >= 0) ::close(input_fd);
  if (output.failed()) {
    std::fprintf(stderr, "bfbench: cannot write output: %s\n", std::strerror(output.error()));
    return exit_code::kOutputError;
  }
  if (!result.ok()) {
    std::fprintf(stderr, "%s\n", describe_failure(result, source, tape.size()).c_str());
  }
  return exit_code_for(result.status);
}

}  // namespace bf::cli
