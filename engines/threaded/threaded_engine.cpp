// The threaded engine: decode once at compile time, link the stream to one dispatch loop variant.
#include "engines/threaded/threaded_engine.h"

#include <string>
#include <utility>
#include <vector>

#include "engines/threaded/decoder.h"
#include "engines/threaded/dispatch.h"

namespace bf::threaded {

namespace {

// Fills in every instruction's handler address from the variant's label table.
std::vector<Inst> link(DecodedProgram decoded, const HandlerTable& table) {
  for (size_t i = 0; i < decoded.code.size(); ++i) {
    if (decoded.handlers[i]) decoded.code[i].handler = table[static_cast<int>(*decoded.handlers[i])];
  }
  return std::move(decoded.code);
}

class ThreadedExecutable final : public Executable {
 public:
  ThreadedExecutable(DecodedProgram decoded, bool count_steps)
      : code_(link(std::move(decoded), count_steps ? handler_table<true>() : handler_table<false>())),
        count_steps_(count_steps) {}

  RunResult run(Tape& tape, RunState& state) override {
    return count_steps_ ? execute<true>(code_.data(), tape, state)
                        : execute<false>(code_.data(), tape, state);
  }

 private:
  std::vector<Inst> code_;  // never resized after linking: jumps are relative to it
  bool count_steps_;
};

class ThreadedEngine final : public Engine {
 public:
  std::unique_ptr<Executable> compile(const Program& program,
                                      const CompileOptions& options) const override {
    // The dispatch loop follows jumps without checking them, so a malformed program is refused
    // here rather than run off the end of the stream.
    if (const std::string problem = verify(program); !problem.empty()) {
      throw CompileError("threaded: malformed program: " + problem);
    }
    return std::make_unique<ThreadedExecutable>(decode(program), options.count_steps);
  }
};

}  // namespace

EngineInfo engine_info() {
  return EngineInfo{"threaded",
                    "direct threading (computed goto) over pre-decoded ops with fused loop tails "
                    "and multiply groups",
                    true, "", [] { return std::make_unique<ThreadedEngine>(); }};
}

}  // namespace bf::threaded
