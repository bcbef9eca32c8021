// The xbyak engine beyond what every JIT is tested for: it emits handjit's code byte for byte on
// every corpus program at every level, its buffer grows past xbyak's 4 KiB default and is never
// executable, and what xbyak rejects surfaces as an error instead of bad code.
#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "engines/jit/lowering.h"
#include "core/parser.h"
#include "core/passes/pipeline.h"
#include "engines/xbyak/xbyak_assembler.h"
#include "engines/xbyak/xbyak_errors.h"
#include "tests/support/ir_builder.h"
#include "tests/jit/jit_engines.h"
#include "tests/support/require_engine.h"
#include "tests/jit/proc_maps.h"
#include "tests/support/test_corpus.h"

namespace bf::testing {
namespace {

struct Compiled {
  std::unique_ptr<Executable> executable;
  std::span<const uint8_t> bytes;
  std::vector<uint32_t> op_offsets;
};

Compiled compile_on(const EngineInfo& engine, const Program& program, bool count_steps) {
  CompileOptions options;
  options.count_steps = count_steps;
  Compiled compiled;
  compiled.executable = engine.make()->compile(program, options);
  const std::optional<MachineCode> code = compiled.executable->machine_code();
  if (!code) throw std::logic_error(engine.name + " gives no machine code");
  compiled.bytes = code->bytes;
  compiled.op_offsets = code->op_offsets;
  return compiled;
}

// "op 12 (LoopEnd), byte 340": where two code images first differ, in terms a person can look up
// with `bfbench asm`.
std::string first_difference(std::span<const uint8_t> got, std::span<const uint8_t> want,
                             const std::vector<uint32_t>& op_offsets) {
  size_t at = 0;
  while (at < got.size() && at < want.size() && got[at] == want[at]) ++at;
  size_t op = 0;
  while (op + 1 < op_offsets.size() && op_offsets[op + 1] <= at) ++op;
  return "first difference at code byte " + std::to_string(at) + " (in op " + std::to_string(op) +
         "); got " + std::to_string(got.size()) + " bytes, handjit " + std::to_string(want.size());
}

class XbyakAssemblerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    xbyak_ = require_engine("xbyak");
    handjit_ = require_engine("handjit");
    if (xbyak_ == nullptr || handjit_ == nullptr) return;  // skipped (or failed, under CI=true)
  }

  const EngineInfo* xbyak_ = nullptr;
  const EngineInfo* handjit_ = nullptr;
};

TEST_F(XbyakAssemblerTest, EmitsHandjitsBytesForTheWholeCorpusAtEveryLevel) {
  size_t largest = 0;
  const size_t programs = for_each_corpus_compile([&](const Program& program, bool count_steps) {
    const Compiled want = compile_on(*handjit_, program, count_steps);
    const Compiled got = compile_on(*xbyak_, program, count_steps);
    ASSERT_TRUE(std::equal(got.bytes.begin(), got.bytes.end(), want.bytes.begin(), want.bytes.end()))
        << first_difference(got.bytes, want.bytes, want.op_offsets);
    EXPECT_EQ(got.op_offsets, want.op_offsets);
    largest = std::max(largest, got.bytes.size());
  });
  EXPECT_GT(programs, 10u);
  // The packaged default buffer is 4 KiB; the corpus must have taken the assembler well past it.
  EXPECT_GT(largest, size_t{4096});
}

TEST_F(XbyakAssemblerTest, GrowsFromAOneByteBufferWithoutChangingTheCode) {
  // Thousands of ops, among them every kind, and loops whose forward jumps span the regrowths.
  std::string source;
  for (int i = 0; i < 300; ++i) source += "+[->+>++<<]>[-]<,.[>]<<[<<]>>";
  const Program program = optimize(parse(Source("big.b", source)), kMaxLevel, {}, true);
  const Compiled want = compile_on(*handjit_, program, false);

  xbyak::XbyakAssembler assembler(1);
  jit::lower(program, {}, assembler);
  const std::span<const uint8_t> got = assembler.finish();
  EXPECT_GT(got.size(), size_t{16 * 1024});
  EXPECT_TRUE(std::equal(got.begin(), got.end(), want.bytes.begin(), want.bytes.end()))
      << first_difference(got, want.bytes, want.op_offsets);
}

TEST_F(XbyakAssemblerTest, ItsOwnBufferIsNeverExecutable) {
  // xbyak's packaged allocator maps its buffer read-write-execute; the code must only ever run
  // from the sealed copy, so the buffer xbyak assembled into stays plain data.
  const Program program = ir::program({ir::add(1, 0, 0), ir::out(0, 1)});
  xbyak::XbyakAssembler assembler(64);
  jit::lower(program, {}, assembler);
  expect_plain_data(assembler.finish().data());
}

TEST_F(XbyakAssemblerTest, WhatXbyakRejectsBecomesACompileError) {
  // A jump to a label that is never bound: ready() in finish() must notice, and the engine
  // boundary must turn xbyak's exception into ours.
  const auto emit_dangling_jump = [] {
    xbyak::XbyakAssembler assembler(64);
    assembler.prologue();
    assembler.jmp(assembler.new_label());
    return assembler.finish().size();
  };
  try {
    xbyak::translating_xbyak_errors(emit_dangling_jump);
    ADD_FAILURE() << "a dangling jump was assembled";
  } catch (const CompileError& error) {
    EXPECT_EQ(std::string(error.what()).rfind("xbyak: ", 0), 0u) << error.what();
  }
}

}  // namespace
}  // namespace bf::testing
