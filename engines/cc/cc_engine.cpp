#include "engines/cc/cc_engine.h"

#include <chrono>

#include "engines/cc/c_translator.h"
#include "engines/cc/cc_abi.h"
#include "engines/cc/checked_path.h"

namespace bf::cc {

namespace {

class CcExecutable final : public Executable {
 public:
  CcExecutable(Program program, bool count_steps, std::unique_ptr<SharedLibrary> library)
      : program_(std::move(program)), count_steps_(count_steps), library_(std::move(library)) {
    void* entry = library_->symbol(kEntrySymbol);
    entry_ = reinterpret_cast<EntryFunction>(entry);
    code_bytes_ = SharedLibrary::function_size(entry);
  }

  RunResult run(Tape& tape, RunState& state) override {
    const auto size = static_cast<int64_t>(tape.size());
    CheckedContext context{program_.ops, {tape.begin(), tape.size()}, state, count_steps_};
    const Environment env{&bf_flush_output, &bf_read_input, &bf_cc_run_checked, &bf_cc_run_loop,
                          &context};
    switch (entry_(tape.begin(), size, &state, &env)) {
      case kFinished:
        return RunResult{};
      case kStopped:
        return context.stop;
      case kStepLimit:
        return RunResult{state.timed_out ? RunStatus::kTimeLimit : RunStatus::kStepLimit};
    }
    return RunResult{};
  }

  size_t code_bytes() const override { return code_bytes_; }

 private:
  Program program_;  // the checked path runs these ops
  bool count_steps_;
  std::unique_ptr<SharedLibrary> library_;
  EntryFunction entry_ = nullptr;
  size_t code_bytes_ = 0;
};

// The C compiler's time limit: --compile-timeout, or by default 30 s plus 10 ms per op of the
// optimized program -- far above what gcc needs for the corpus (mandelbrot O3: 2 s), so only a
// compile that is running away hits it.
std::chrono::duration<double> compile_time_limit(const Program& program,
                                                 const CompileOptions& options) {
  if (options.compile_timeout_seconds > 0) {
    return std::chrono::duration<double>(options.compile_timeout_seconds);
  }
  return std::chrono::duration<double>(30.0 + 0.010 * static_cast<double>(program.ops.size()));
}

class CcEngine final : public Engine {
 public:
  CcEngine(CCompiler compiler, size_t max_function_ops)
      : compiler_(std::move(compiler)), max_function_ops_(max_function_ops) {}

  std::unique_ptr<Executable> compile(const Program& program,
                                      const CompileOptions& options) const override {
    std::unique_ptr<SharedLibrary> library = compile_and_load(
        compiler_, translate_to_c(program, options, max_function_ops_),
        compile_time_limit(program, options));
    return std::make_unique<CcExecutable>(program, options.count_steps, std::move(library));
  }

 private:
  CCompiler compiler_;
  size_t max_function_ops_;
};

}  // namespace

std::unique_ptr<Engine> make_engine(CCompiler compiler, size_t max_function_ops) {
  return std::make_unique<CcEngine>(std::move(compiler), max_function_ops);
}

EngineInfo engine_info() {
  std::string why_not;
  const std::optional<CCompiler> compiler = find_c_compiler(why_not);
  if (!compiler) return EngineInfo{"cc", "", false, why_not, nullptr};
  return EngineInfo{"cc",
                    "IR translated to C, built by `" + describe(*compiler) +
                        " -O2`, loaded with dlopen; the optimizing-compiler limit",
                    true, "", [compiler = *compiler] { return make_engine(compiler); }};
}

}  // namespace bf::cc
