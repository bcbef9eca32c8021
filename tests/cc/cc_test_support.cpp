#include "tests/cc/cc_test_support.h"

#include <gtest/gtest.h>

#include "core/runtime/program_run.h"

namespace bf::testing {

Op op(OpKind kind, int32_t arg, int32_t offset, int32_t from) {
  Op o;
  o.kind = kind;
  o.arg = arg;
  o.offset = offset;
  o.from = from;
  return o;
}

Program finish_program(std::vector<Op> ops) {
  Program program{std::move(ops)};
  for (size_t i = 0; i < program.ops.size(); ++i) {
    program.ops[i].src = static_cast<uint32_t>(10 * i + 1);
    program.ops[i].src2 = static_cast<uint32_t>(10 * i + 2);
  }
  link_loops(program);
  const std::string problem = verify(program);
  if (!problem.empty()) ADD_FAILURE() << "test program is malformed: " << problem;
  return program;
}

Program program_of(std::initializer_list<Op> ops) { return finish_program(std::vector<Op>(ops)); }

CcRun run_executable(Executable& executable, const CcSetup& setup) {
  StringSink sink;
  BytesSource input(setup.input);
  Tape tape(setup.tape_cells);
  CcRun run;
  run.result = ProgramRun(sink, input, {.eof = setup.eof, .max_steps = setup.max_steps})
                   .run(executable, tape);
  run.output = sink.data();
  return run;
}

Pair run_both(const EngineInfo& cc, const Program& program, const CcSetup& setup) {
  CompileOptions options;
  options.count_steps = setup.max_steps > 0;
  Pair pair;
  pair.naive = run_executable(*engine_named("naive").make()->compile(program, options), setup);
  pair.cc = run_executable(*cc.make()->compile(program, options), setup);
  return pair;
}

std::string describe(const CcRun& run) {
  return describe_end(run.result) + ", " + std::to_string(run.output.size()) + " output bytes";
}

}  // namespace bf::testing
