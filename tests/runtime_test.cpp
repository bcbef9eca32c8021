// The runtime's promises, checked through the naive engine (the reference semantics).
#include <gtest/gtest.h>

#include <chrono>
#include <memory>

#include "core/parser.h"
#include "core/runtime/program_run.h"
#include "tests/support/engine_runner.h"

namespace bf::testing {
namespace {

TEST(Runtime, EofKeepLeavesTheCellUnchanged) {
  RunSetup setup{.input = "A", .eof = EofPolicy::kKeep};
  EXPECT_EQ(run_reference(",.>+++++,.", setup).output, "A\x05");
}

TEST(Runtime, EofZeroStoresZero) {
  RunSetup setup{.input = "A", .eof = EofPolicy::kZero};
  EXPECT_EQ(run_reference(",.>+++++,.", setup).output, std::string("A\0", 2));
}

TEST(Runtime, EofMaxStores255) {
  RunSetup setup{.input = "A", .eof = EofPolicy::kMax};
  EXPECT_EQ(run_reference(",.>+++++,.", setup).output, "A\xff");
}

TEST(Runtime, CellsWrapBothWays) {
  EXPECT_EQ(run_reference("-.+.").output, std::string("\xff\0", 2));
  EXPECT_EQ(run_reference(std::string(257, '+') + ".").output, "\x01");
}

TEST(Runtime, AccessLeftOfCellZeroIsAnUnderflowAtThatCommand) {
  const Outcome outcome = run_reference("+.<<-");
  EXPECT_EQ(outcome.output, "\x01");  // output before the trap is kept
  EXPECT_EQ(outcome.result, (RunResult{RunStatus::kTapeUnderflow, 4, -2}));
}

TEST(Runtime, AccessPastTheLastCellIsAnOverflowAtThatCommand) {
  RunSetup setup{.tape_cells = 4096};
  const Outcome outcome = run_reference("+[>+]", setup);
  EXPECT_EQ(outcome.result, (RunResult{RunStatus::kTapeOverflow, 3, 4096}));
}

TEST(Runtime, MovingOffTheTapeWithoutTouchingACellIsNotAnError) {
  EXPECT_TRUE(run_reference("<<>>+.").result.ok());
  EXPECT_TRUE(run_reference("+.<").result.ok());
}

TEST(Runtime, TapeSizeRoundsUpToWholePagesWithGuardsAtBothEnds) {
  Tape tape(30000);
  EXPECT_EQ(tape.size(), 32768u);
  EXPECT_TRUE(tape.in_guard(tape.begin() - 1));
  EXPECT_TRUE(tape.in_guard(tape.end()));
  EXPECT_TRUE(tape.in_guard(tape.begin() - Tape::guard_bytes()));
  EXPECT_FALSE(tape.in_guard(tape.begin() - Tape::guard_bytes() - 1));
  EXPECT_FALSE(tape.in_guard(tape.begin()));
  EXPECT_FALSE(tape.in_guard(tape.end() - 1));
  EXPECT_GE(Tape::guard_bytes(), 2u * kMaxOffset);
}

TEST(Runtime, DefaultTapeHasAtLeastAMebiCell) {
  EXPECT_GE(Tape().size(), size_t{1} << 20);
}

// Records the size of every write, to see when the buffer is flushed.
class RecordingSink final : public OutputSink {
 public:
  void write(const uint8_t*, size_t count) override { writes.push_back(count); }
  std::vector<size_t> writes;
};

TEST(Runtime, OutputIsBufferedAndFlushedWhenFull) {
  RecordingSink sink;
  BytesSource input("");
  auto state = std::make_unique<RunState>(sink, input);
  for (size_t i = 0; i < kOutputBufferBytes + 10; ++i) state->put('x');
  EXPECT_EQ(sink.writes, std::vector<size_t>{kOutputBufferBytes});
  state->flush();
  EXPECT_EQ(sink.writes, (std::vector<size_t>{kOutputBufferBytes, 10}));
}

// An input that notes how much output had reached the sink when it was asked for a byte.
class PromptCheckingSource final : public InputSource {
 public:
  explicit PromptCheckingSource(const StringSink& sink) : sink_(sink) {}
  size_t read(uint8_t* buffer, size_t capacity) override {
    seen_output = sink_.data();
    if (capacity == 0 || given_) return 0;
    given_ = true;
    buffer[0] = 'y';
    return 1;
  }
  std::string seen_output;

 private:
  const StringSink& sink_;
  bool given_ = false;
};

TEST(Runtime, OutputIsFlushedBeforeInputIsRead) {
  StringSink sink;
  PromptCheckingSource input(sink);
  const Program program = parse(Source("p", "++++++++[>++++++++<-]>+.,."));
  const auto executable = engine_named("naive").make()->compile(program, {});
  Tape tape(4096);
  EXPECT_TRUE(ProgramRun(sink, input).run(*executable, tape).ok());
  EXPECT_EQ(input.seen_output, "A");  // the prompt was visible before the program waited
  EXPECT_EQ(sink.data(), "Ay");
}

TEST(Runtime, StepLimitStopsARunawayProgram) {
  RunSetup setup{.max_steps = 1000};
  const Outcome outcome = run_reference("+.[]", setup);
  EXPECT_EQ(outcome.result.status, RunStatus::kStepLimit);
  EXPECT_EQ(outcome.output, "\x01");
}

TEST(Runtime, StepLimitCountsLoopTests) {
  // "+++[-]" tests its loop 4 times: once on entry, then after each of the 3 decrements.
  EXPECT_TRUE(run_reference("+++[-]", RunSetup{.max_steps = 4}).result.ok());
  EXPECT_EQ(run_reference("+++[-]", RunSetup{.max_steps = 3}).result.status, RunStatus::kStepLimit);
  EXPECT_TRUE(run_reference(std::string(5000, '+'), RunSetup{.max_steps = 1}).result.ok());
}

TEST(Runtime, WatchdogStopsARunawayProgramWithATimeLimit) {
  StringSink sink;
  BytesSource input("");
  const Program program = parse(Source("p", "+[]"));
  const auto executable = engine_named("naive").make()->compile(program, {.count_steps = true});
  Tape tape(4096);
  ProgramRun run(sink, input, {.time_limit = std::chrono::milliseconds(100)});
  const RunResult result = run.run(*executable, tape);
  EXPECT_EQ(result.status, RunStatus::kTimeLimit);
}

}  // namespace
}  // namespace bf::testing
