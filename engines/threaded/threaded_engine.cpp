// The threaded engine: decode once at compile time, link the stream to one dispatch loop variant.
#include "engines/threaded/threaded_engine.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engines/threaded/decoder.h"
#include "engines/threaded/dispatch.h"

namespace bf::threaded {

namespace {

// Fills in every instruction's handler address from the variant's label table.
std::vector<Inst> link(std::vector<Inst> code, const std::vector<std::optional<Handler>>& handlers,
                       const HandlerTable& table) {
  for (size_t i = 0; i < code.size(); ++i) {
    if (handlers[i]) code[i].handler = table[static_cast<int>(*handlers[i])];
  }
  return code;
}

class ThreadedExecutable final : public Executable {
 public:
  ThreadedExecutable(DecodedProgram decoded, bool count_steps)
      : code_(link(std::move(decoded.code), decoded.handlers,
                   count_steps ? handler_table<true>() : handler_table<false>())),
        sources_(std::move(decoded.sources)),
        count_steps_(count_steps) {}

  RunResult run(Tape& tape, RunState& state) override {
    return count_steps_ ? execute<true>(code_.data(), sources_.data(), tape, state)
                        : execute<false>(code_.data(), sources_.data(), tape, state);
  }

 private:
  std::vector<Inst> code_;  // linked; jumps are relative positions within it
  std::vector<Sources> sources_;
  bool count_steps_;
};

class ThreadedEngine final : public Engine {
 public:
  std::unique_ptr<Executable> compile(const Program& program,
                                      const CompileOptions& options) const override {
    refuse_malformed(program);
    return std::make_unique<ThreadedExecutable>(
        decode(program, DecodeOptions{.count_steps = options.count_steps}), options.count_steps);
  }
  std::unique_ptr<Executable> compile_owned(Program program,
                                            const CompileOptions& options) const override {
    refuse_malformed(program);
    return std::make_unique<ThreadedExecutable>(
        decode_consuming(std::move(program), DecodeOptions{.count_steps = options.count_steps}),
        options.count_steps);
  }

 private:
  // The dispatch loop follows jumps without checking them, so a malformed program is refused
  // here rather than run off the end of the stream.
  static void refuse_malformed(const Program& program) {
    if (const std::string problem = verify(program); !problem.empty()) {
      throw CompileError("threaded: malformed program: " + problem);
    }
  }
};

}  // namespace

EngineInfo engine_info() {
  return EngineInfo{"threaded",
                    "direct threading (computed goto) over pre-decoded, fused instructions",
                    true, "", [] { return std::make_unique<ThreadedEngine>(); }};
}

}  // namespace bf::threaded
