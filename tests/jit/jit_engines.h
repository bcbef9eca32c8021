// The JIT engines the JIT suites cover, by name: their suites are EngineTests instantiated over
// these names, so a JIT is tested as soon as it is registered (and fails under CI=true when
// missing).
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/parser.h"
#include "core/passes/pipeline.h"
#include "tests/support/engine_test.h"
#include "tests/support/test_corpus.h"

namespace bf::testing {

inline const std::vector<std::string>& jit_engine_names() {
  static const std::vector<std::string> names{"handjit", "xbyak", "asmjit"};
  return names;
}

// Calls visit(program, count_steps) for every corpus program at every level, with and without
// step counting, under a trace naming the case; stops at the first fatal failure. Returns how
// many corpus programs it went through.
template <typename Visit>
size_t for_each_corpus_compile(Visit visit) {
  size_t programs = 0;
  for (const CorpusEntry& entry : test_corpus().entries) {
    const Program parsed = parse(Source(entry.program.string(), entry.read_program()));
    for (int level = 0; level <= kMaxLevel; ++level) {
      const Program program = optimize(parsed, level, {}, true);
      for (bool count_steps : {false, true}) {
        SCOPED_TRACE(entry.name + " O" + std::to_string(level) +
                     (count_steps ? " counting steps" : ""));
        visit(program, count_steps);
        if (::testing::Test::HasFatalFailure()) return programs;
      }
    }
    ++programs;
  }
  return programs;
}

}  // namespace bf::testing

#define BF_INSTANTIATE_JIT_TEST(suite) \
  BF_INSTANTIATE_ENGINE_TEST(Jits, suite, ::bf::testing::jit_engine_names())
