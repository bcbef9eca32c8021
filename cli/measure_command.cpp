#include "cli/measure_command.h"

#include <boost/program_options.hpp>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "cli/boost_options.h"
#include "cli/cli_common.h"
#include "cli/corpus.h"
#include "cli/exit_codes.h"
#include "cli/sha256.h"
#include "cli/suggest.h"
#include "core/attributes.h"
#include "core/passes/pipeline.h"
#include "core/runtime/program_run.h"
#include "engines/builtin_engines.h"

namespace po = boost::program_options;

namespace bf::cli {

// Everything one measurement touches, handed from phase to phase through one pointer so each
// phase is a plain function callgrind can name.
struct MeasureJob {
  const Source* source = nullptr;
  int level = 0;
  const Engine* engine = nullptr;
  Program program;
  std::unique_ptr<Executable> executable;
  Tape* tape = nullptr;
  RunState* state = nullptr;  // a ProgramRun's
  RunResult result;
};

}  // namespace bf::cli

// The phases callgrind tells apart (scripts/gate passes their names to --toggle-collect and
// --dump-after). extern "C" keeps the names unmangled; noinline/noclone keep each one a real
// function whose entry and exit callgrind sees. The store after each call stops the compiler
// from turning the call into a tail jump, which would end the phase early in callgrind's eyes.
extern "C" BF_NOINLINE_NOCLONE void bf_measure_optimize(bf::cli::MeasureJob* job) {
  job->program = bf::cli::parse_and_optimize_or_fail(*job->source, job->level);  // as `run` does
  asm volatile("" ::: "memory");
}

extern "C" BF_NOINLINE_NOCLONE void bf_measure_compile(bf::cli::MeasureJob* job) {
  job->executable = job->engine->compile(job->program, bf::CompileOptions{});
  asm volatile("" ::: "memory");
}

extern "C" BF_NOINLINE_NOCLONE void bf_measure_run(bf::cli::MeasureJob* job) {
  // ProgramRun::run_and_flush() spelled out, storing the result before the flush: that keeps it
  // out of saved registers, so the phase counts what it always has (some run rows are only a few
  // hundred instructions, and the gate compares them).
  job->result = job->executable->run(*job->tape, *job->state);
  job->state->flush();
  asm volatile("" ::: "memory");
}

namespace bf::cli {

namespace {

struct MeasureOptions {
  std::string engine;
  std::string program;
  int level = kMaxLevel;
  std::optional<std::string> corpus_dir;
  // --no-run: optimize and compile only (programs too slow to run under callgrind).
  bool run = true;
};

po::options_description measure_options_description() {
  po::options_description options(
      "Usage: bfbench measure --engine NAME --program NAME [-O LEVEL] [--no-run] [--corpus DIR]\n\n"
      "Optimizes, compiles and runs one corpus program once and checks its output against the\n"
      "manifest. The phases are the functions bf_measure_optimize, bf_measure_compile and\n"
      "bf_measure_run, so `valgrind --tool=callgrind --toggle-collect=...` counts each apart\n"
      "(scripts/gate does this). Prints one line of facts; exit 1 on a wrong result.\n\n"
      "Options");
  // clang-format off
  options.add_options()
      ("help,h", "show this help")
      ("engine", po::value<std::string>(), "engine (see `bfbench engines`)")
      ("program", po::value<std::string>(), "corpus program name (see corpus/manifest.tsv)")
      ("level,O", po::value<std::string>()->default_value("O3"), "optimization level O0..O3")
      ("no-run", "optimize and compile only (no run, no output check)")
      ("corpus", po::value<std::string>(),
       "corpus folder (default: $BFBENCH_CORPUS or the source tree's corpus/)");
  // clang-format on
  return options;
}

std::optional<MeasureOptions> parse_measure_options(int argc, char** argv) {
  const po::options_description options = measure_options_description();
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(options).run(), vm);
    po::notify(vm);
  } catch (const po::error& error) {
    throw option_error("measure: ", error, options);
  }
  if (vm.count("help")) {
    std::cout << options;
    return std::nullopt;
  }
  if (!vm.count("engine")) throw UsageError{"measure: --engine is required"};
  if (!vm.count("program")) throw UsageError{"measure: --program is required"};
  MeasureOptions parsed;
  parsed.engine = vm["engine"].as<std::string>();
  parsed.program = vm["program"].as<std::string>();
  parsed.level = parse_level(vm["level"].as<std::string>());
  if (vm.count("corpus")) parsed.corpus_dir = vm["corpus"].as<std::string>();
  parsed.run = vm.count("no-run") == 0;
  return parsed;
}

const CorpusEntry& find_program(const Corpus& corpus, const std::string& name) {
  if (const CorpusEntry* entry = corpus.find(name)) return *entry;
  std::vector<std::string> names;
  for (const CorpusEntry& entry : corpus.entries) names.push_back(entry.name);
  std::string listed;
  for (const std::string& each : names) listed += (listed.empty() ? "" : ", ") + each;
  throw UsageError{"measure: unknown program '" + name + "'" + did_you_mean(name, names) +
                   " (valid: " + listed + ")"};
}

Corpus load_corpus_or_fail(const std::filesystem::path& dir) {
  try {
    return load_corpus(dir);
  } catch (const std::runtime_error& error) {
    throw CommandError{exit_code::kCannotRead, error.what()};
  }
}

}  // namespace

int measure_command(int argc, char** argv) {
  const std::optional<MeasureOptions> options = parse_measure_options(argc, argv);
  if (!options) return exit_code::kOk;

  // Every engine probed (the registry probes lazily), so that the heap the optimizer runs on is
  // the same whatever the engine named.
  builtin_engines().all();
  const EngineInfo& engine_info = find_engine(options->engine);
  const Corpus corpus = load_corpus_or_fail(
      options->corpus_dir ? std::filesystem::path(*options->corpus_dir) : default_corpus_dir());
  const CorpusEntry& entry = find_program(corpus, options->program);
  // Built only when printed: a string made here could take heap memory for some engine names
  // and not for others, and the optimize phase would then count differently per engine.
  const auto name = [&] {
    return options->engine + "/" + entry.name + "/O" + std::to_string(options->level);
  };

  Source source = [&] {
    try {
      return Source(entry.program.string(), entry.read_program());
    } catch (const std::runtime_error& error) {
      throw CommandError{exit_code::kCannotRead, error.what()};
    }
  }();
  BytesSource input(entry.read_input());
  StringSink output;
  // Everything the phases need is set up here, outside them, so the counts hold only the work
  // being measured (no corpus reading, no tape mmap).
  ProgramRun run(output, input, {.eof = entry.eof});
  Tape tape(entry.tape_cells.value_or(kDefaultTapeCells));

  MeasureJob job;
  job.source = &source;
  job.level = options->level;
  job.tape = &tape;
  job.state = &run.state();

  bf_measure_optimize(&job);
  // Made only now, so the heap the optimizer ran on is the same whatever the engine: the
  // optimize phase then counts the same instructions under every engine.
  const std::unique_ptr<Engine> engine = engine_info.make();
  job.engine = engine.get();
  try {
    bf_measure_compile(&job);
  } catch (const CompileError& error) {
    throw CommandError{exit_code::kRuntimeTrap, name() + ": cannot compile: " + error.what()};
  }
  if (!options->run) {
    std::cout << "name=" << name() << " ops=" << job.program.ops.size()
              << " code_bytes=" << job.executable->code_bytes() << "\n";
    return exit_code::kOk;
  }
  bf_measure_run(&job);

  const bool status_ok = job.result.status == entry.expected_status &&
                         (job.result.ok() || job.result.src == entry.expected_trap_byte);
  const bool output_ok = sha256_hex(output.data()) == entry.expected_sha256;
  if (!status_ok || !output_ok) {
    std::cerr << "bfbench measure: " << name() << ": wrong result ("
              << (output_ok ? "ended with " + status_name(job.result.status)
                            : "output differs from the manifest")
              << ")\n";
    return exit_code::kFailed;
  }
  std::cout << "name=" << name() << " ops=" << job.program.ops.size()
            << " code_bytes=" << job.executable->code_bytes()
            << " output_bytes=" << output.data().size() << "\n";
  return exit_code::kOk;
}

}  // namespace bf::cli
