// The fault handler catches only what it should: guard faults of generated code become traps (on
// any thread, again and again, even after someone replaced the handler); every other segfault --
// in a runtime call made from generated code, in C++ touching a guard, after a run -- still kills
// the process.
#include <gtest/gtest.h>
#include <signal.h>

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "core/runtime/program_run.h"
#include "tests/jit/jit_engines.h"
#include "tests/support/ir_builder.h"

namespace bf::testing {
namespace {

using namespace ir;

// An input source that does something fatal when the running program reads.
class FatalInput final : public InputSource {
 public:
  explicit FatalInput(const uint8_t* address) : address_(address) {}
  size_t read(uint8_t* buffer, size_t) override {
    buffer[0] = *static_cast<const volatile uint8_t*>(address_);
    return 1;
  }

 private:
  const uint8_t* address_;
};

class JitFaults : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    GTEST_FLAG_SET(death_test_style, "threadsafe");
  }

  // Compiles and runs a program reading input from `input` on `tape`.
  RunResult run_reading(InputSource& input, Tape& tape) {
    const Program reads = program({in(0, 0), out(0, 1)});
    const std::unique_ptr<Executable> executable = engine().make()->compile(reads, {});
    StringSink sink;
    return ProgramRun(sink, input).run(*executable, tape);
  }

  Outcome trap_left() {
    return run_on(engine(), program({add(1, 0, 0), add(1, -3, 7)}), RunSetup{.tape_cells = 4096});
  }
};

TEST_P(JitFaults, ANullDereferenceInARuntimeCallStillCrashes) {
  EXPECT_EXIT(
      {
        Tape tape(4096);
        FatalInput input(nullptr);
        run_reading(input, tape);
      },
      ::testing::KilledBySignal(SIGSEGV), "");
}

TEST_P(JitFaults, CxxCodeTouchingTheGuardDuringARunStillCrashes) {
  // The address is in the running tape's guard, but the instruction is not generated code.
  EXPECT_EXIT(
      {
        Tape tape(4096);
        FatalInput input(tape.begin() - 1);
        run_reading(input, tape);
      },
      ::testing::KilledBySignal(SIGSEGV), "");
}

TEST_P(JitFaults, ASegfaultAfterTrappingRunsStillCrashes) {
  EXPECT_EXIT(
      {
        trap_left();
        Tape tape(4096);
        *static_cast<volatile uint8_t*>(tape.end() + 5) = 1;
      },
      ::testing::KilledBySignal(SIGSEGV), "");
}

TEST_P(JitFaults, TrapsRepeatAndWorkOnSeveralThreadsAtOnce) {
  std::vector<Outcome> outcomes(8);
  std::vector<std::thread> threads;
  for (Outcome& outcome : outcomes) {
    threads.emplace_back([&outcome, this] {
      for (int i = 0; i < 50; ++i) outcome = trap_left();
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const Outcome& outcome : outcomes) {
    EXPECT_EQ(outcome.result, tape_trap(-3, 7));
  }
}

TEST_P(JitFaults, TrapsStillWorkAfterTheHandlerWasReplaced) {
  // Compiled while our handler is installed, run after something reset SIGSEGV to the default.
  const Program left = program({add(1, 0, 0), add(1, -3, 7)});
  const std::unique_ptr<Executable> executable = engine().make()->compile(left, {});
  struct sigaction default_action {};
  default_action.sa_handler = SIG_DFL;
  sigemptyset(&default_action.sa_mask);
  ASSERT_EQ(sigaction(SIGSEGV, &default_action, nullptr), 0);
  StringSink sink;
  BytesSource input("");
  Tape tape(4096);
  EXPECT_EQ(ProgramRun(sink, input).run(*executable, tape), tape_trap(-3, 7));
}

BF_INSTANTIATE_JIT_TEST(JitFaults);

}  // namespace
}  // namespace bf::testing
