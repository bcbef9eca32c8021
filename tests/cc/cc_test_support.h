// Shared by the cc suites: the cc engine (or a skip), IR built by hand, and a run compared with
// the naive engine's on the same program.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>

#include "core/engine.h"
#include "core/engine_registry.h"
#include "core/program.h"
#include "tests/support/engine_runner.h"
#include "tests/support/test_corpus.h"

namespace bf::testing {

// Declares `cc`, the registered cc engine; skips the test when it is unavailable (fails under
// CI=true, where a missing compiler is a broken machine, not a choice).
#define BF_REQUIRE_CC(cc)                                             \
  const ::bf::EngineInfo& cc = ::bf::testing::engine_named("cc");     \
  if (!cc.available) {                                                \
    if (::bf::testing::running_in_ci())                               \
      FAIL() << "cc unavailable under CI: " << cc.unavailable_reason; \
    GTEST_SKIP() << "cc unavailable: " << cc.unavailable_reason;      \
  }

// An op with a distinct source byte, so a trap that names the wrong command is caught.
Op op(OpKind kind, int32_t arg = 0, int32_t offset = 0, int32_t from = 0);

// Links loops, numbers each op's src (and src2) uniquely, and checks verify().
Program program_of(std::initializer_list<Op> ops);
Program finish_program(std::vector<Op> ops);

struct CcRun {
  std::string output;
  RunResult result;
};

struct CcSetup {
  std::string input{};
  EofPolicy eof = EofPolicy::kKeep;
  uint64_t tape_cells = 4096;
  uint64_t max_steps = 0;  // 0: no limit
};

// Runs a compiled executable on a fresh tape.
CcRun run_executable(Executable& executable, const CcSetup& setup);

// Compiles with both engines (count_steps when setup.max_steps > 0) and runs; the naive run first.
struct Pair {
  CcRun naive;
  CcRun cc;
};
Pair run_both(const EngineInfo& cc, const Program& program, const CcSetup& setup = {});

// "tape overflow at byte 7 cell 4096, 3 output bytes" for failure messages.
std::string describe(const CcRun& run);

}  // namespace bf::testing
