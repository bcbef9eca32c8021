// The asmjit assembler beyond what every JIT is tested for: the CodeHolder it assembles into is never
// executable, and AsmJit's error values come out as CompileError naming what went wrong.
#include <gtest/gtest.h>

#include <span>
#include <string>

#include "engines/jit/lowering.h"
#include "engines/asmjit/asmjit_assembler.h"
#include "tests/support/ir_builder.h"
#include "tests/jit/jit_engines.h"
#include "tests/support/require_engine.h"
#include "tests/jit/proc_maps.h"

namespace bf::testing {
namespace {

class AsmjitAssemblerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    require_engine("asmjit");  // skips the test (fails it under CI=true) without AsmJit
  }
};

// The CompileError `emit` throws, or "" if it throws none.
template <typename Emit>
std::string compile_error_of(Emit emit) {
  try {
    emit();
  } catch (const CompileError& error) {
    return error.what();
  }
  return "";
}

TEST_F(AsmjitAssemblerTest, ItsOwnBufferIsNeverExecutable) {
  // No JitRuntime (whose JitAllocator is read-write-execute by default): the code runs only from
  // the dual-mapped copy, so the buffer AsmJit assembled into stays plain data.
  const Program program = ir::program({ir::add(1, 0, 0), ir::out(0, 1)});
  asmjit::AsmjitAssembler assembler(64);
  jit::lower(program, {}, assembler);
  expect_plain_data(assembler.finish().data());
}

TEST_F(AsmjitAssemblerTest, AJumpToALabelThatIsNeverBoundIsACompileError) {
  const std::string error = compile_error_of([] {
    asmjit::AsmjitAssembler assembler(64);
    assembler.prologue();
    assembler.jmp(assembler.new_label());
    assembler.finish();
  });
  EXPECT_EQ(error, "asmjit: a jump targets a label that was never bound");
}

TEST_F(AsmjitAssemblerTest, AnErrorAsmJitReportsWhileEmittingIsACompileError) {
  // Binding a label twice is refused by AsmJit with an error value (no exception); the assembler
  // records it and finish() reports it with AsmJit's own message.
  const std::string error = compile_error_of([] {
    asmjit::AsmjitAssembler assembler(64);
    assembler.prologue();
    const jit::Label label = assembler.new_label();
    assembler.bind(label);
    assembler.cmp8_imm(jit::at(jit::Reg::kRbx), 0);
    assembler.bind(label);
    assembler.finish();
  });
  EXPECT_EQ(error, "asmjit: emitting code failed: LabelAlreadyBound");
}

}  // namespace
}  // namespace bf::testing
