#include "engines/naive/naive_engine.h"

#include "core/reference_interpreter.h"

namespace bf::naive {

namespace {

class NaiveExecutable final : public Executable {
 public:
  NaiveExecutable(Program program, bool count_steps)
      : program_(std::move(program)), count_steps_(count_steps) {}

  RunResult run(Tape& tape, RunState& state) override {
    return interpret(program_.ops, tape, state, count_steps_);
  }

 private:
  Program program_;
  bool count_steps_;
};

class NaiveEngine final : public Engine {
 public:
  std::unique_ptr<Executable> compile(const Program& program,
                                      const CompileOptions& options) const override {
    return std::make_unique<NaiveExecutable>(program, options.count_steps);
  }
  std::unique_ptr<Executable> compile_owned(Program program,
                                            const CompileOptions& options) const override {
    return std::make_unique<NaiveExecutable>(std::move(program), options.count_steps);
  }
};

}  // namespace

EngineInfo engine_info() {
  return EngineInfo{"naive", "switch loop over the ops; the reference every engine is checked against",
                    true, "", [] { return std::make_unique<NaiveEngine>(); }};
}

}  // namespace bf::naive
