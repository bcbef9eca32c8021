#include "tests/support/engine_runner.h"

#include <memory>
#include <stdexcept>

#include "core/parser.h"
#include "core/passes/pipeline.h"
#include "core/runtime/program_run.h"
#include "engines/builtin_engines.h"

namespace bf::testing {

Outcome run_on(const EngineInfo& engine, const Program& program, const RunSetup& setup) {
  CompileOptions options;
  options.count_steps = setup.max_steps > 0;
  const std::unique_ptr<Executable> executable = engine.make()->compile(program, options);
  return run_executable(*executable, setup);
}

Outcome run_code(const EngineInfo& engine, const std::string& code, int level,
                 const RunSetup& setup) {
  const Program program = optimize(parse(Source("test.b", code)), level, {}, /*check=*/true);
  return run_on(engine, program, setup);
}

Outcome run_reference(const std::string& code, const RunSetup& setup) {
  return run_code(engine_named("naive"), code, 0, setup);
}

const EngineInfo& engine_named(const std::string& name) {
  const EngineInfo* info = builtin_engines().find(name);
  if (info == nullptr) throw std::invalid_argument("no engine " + name);
  return *info;
}

Outcome run_executable(Executable& executable, const RunSetup& setup) {
  StringSink sink;
  BytesSource input(setup.input);
  Tape tape(setup.tape_cells);
  Outcome outcome;
  outcome.result = ProgramRun(sink, input, {.eof = setup.eof, .max_steps = setup.max_steps})
                       .run(executable, tape);
  outcome.output = sink.data();
  return outcome;
}

}  // namespace bf::testing
