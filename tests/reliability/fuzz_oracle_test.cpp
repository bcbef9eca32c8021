// The fuzz input layout round-trips, and the differential oracle catches engines that are wrong in
// each way it is meant to catch (so a silent fuzzer means agreement, not a blind check).
#include <gtest/gtest.h>

#include <functional>
#include <memory>

#include "engines/builtin_engines.h"
#include "tests/reliability/differential_oracle.h"
#include "tests/reliability/engine_selection.h"
#include "tests/reliability/fuzz_case.h"
#include "tests/support/engine_runner.h"

namespace bf::testing {
namespace {

FuzzCase decode(const std::string& bytes) {
  return decode_fuzz_case(
      std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()));
}

TEST(FuzzCase, EncodedCasesDecodeToThemselves) {
  FuzzCase original;
  original.code = "+[->++<]>.";
  original.raw_code = original.code;
  original.input = std::string("\0\xff\n", 3);
  original.eof = EofPolicy::kMax;
  original.tape_cells = 65536;
  original.max_steps = 4096;
  const FuzzCase decoded = decode(encode_fuzz_case(original));
  EXPECT_EQ(decoded.code, original.code);
  EXPECT_EQ(decoded.input, original.input);
  EXPECT_EQ(decoded.eof, EofPolicy::kMax);
  EXPECT_EQ(decoded.tape_cells, 65536u);
  EXPECT_EQ(decoded.max_steps, 4096u);
}

TEST(FuzzCase, StepLimitsRoundUpToWhatTheLayoutCanSay) {
  FuzzCase tiny;
  tiny.max_steps = 7;
  EXPECT_EQ(decode(encode_fuzz_case(tiny)).max_steps, 7u);
  FuzzCase large;
  large.max_steps = 100000;
  EXPECT_EQ(decode(encode_fuzz_case(large)).max_steps, 131072u);
  FuzzCase tape;
  tape.tape_cells = 5000;
  EXPECT_EQ(decode(encode_fuzz_case(tape)).tape_cells, 8192u);
}

TEST(FuzzCase, ShortDataReadsAsZeroHeaderAndInputStopsAtTheEnd) {
  const FuzzCase empty = decode("");
  EXPECT_EQ(empty.code, "");
  EXPECT_EQ(empty.eof, EofPolicy::kKeep);
  EXPECT_EQ(empty.tape_cells, 4096u);
  EXPECT_EQ(empty.max_steps, 1u);
  const FuzzCase cut = decode(std::string("\x07\x80\x09" "ab", 5));  // asks for 9 input bytes, has 2
  EXPECT_EQ(cut.input, "ab");
  EXPECT_EQ(cut.code, "");
  EXPECT_EQ(cut.eof, EofPolicy::kKeep);
  EXPECT_EQ(cut.tape_cells, 8192u);
  EXPECT_EQ(cut.max_steps, 1024u);
}

TEST(FuzzCase, UnbalancedBracketsAreRepairedInPlace) {
  const FuzzCase repaired = decode(std::string("\0\0\0]+[[-]", 9));
  EXPECT_EQ(repaired.raw_code, "]+[[-]");
  EXPECT_EQ(repaired.code, "#+[[-]]");
  EXPECT_FALSE(brackets_balanced(repaired.raw_code));
  EXPECT_TRUE(brackets_balanced(repaired.code));
}

// A naive engine with one deliberate fault, to show the oracle sees it.
class FaultyExecutable final : public Executable {
 public:
  using Fault = std::function<void(RunResult&, RunState&)>;
  FaultyExecutable(std::unique_ptr<Executable> inner, Fault fault)
      : inner_(std::move(inner)), fault_(std::move(fault)) {}
  RunResult run(Tape& tape, RunState& state) override {
    RunResult result = inner_->run(tape, state);
    fault_(result, state);
    return result;
  }

 private:
  std::unique_ptr<Executable> inner_;
  Fault fault_;
};

class FaultyEngine final : public Engine {
 public:
  FaultyEngine(FaultyExecutable::Fault fault, bool ignore_steps)
      : fault_(std::move(fault)), ignore_steps_(ignore_steps) {}
  std::unique_ptr<Executable> compile(const Program& program,
                                      const CompileOptions& options) const override {
    CompileOptions used = options;
    if (ignore_steps_) used.count_steps = false;
    return std::make_unique<FaultyExecutable>(engine_named("naive").make()->compile(program, used),
                                              fault_);
  }

 private:
  FaultyExecutable::Fault fault_;
  bool ignore_steps_;
};

EngineInfo faulty(const std::string& name, FaultyExecutable::Fault fault, bool ignore_steps = false) {
  return EngineInfo{name, "naive with a fault", true, "",
                    [=] { return std::make_unique<FaultyEngine>(fault, ignore_steps); }};
}

FuzzCase case_of(const std::string& code, uint64_t max_steps = 1000) {
  FuzzCase c;
  c.code = code;
  c.raw_code = code;
  c.max_steps = max_steps;
  return c;
}

std::string check_with(const EngineInfo& engine, const FuzzCase& c) {
  const EngineInfo* engines[] = {&engine_named("naive"), &engine};
  return check_fuzz_case(c, engines);
}

TEST(DifferentialOracle, EveryAvailableEngineAgreesOnAProgramWithATrap) {
  const EngineSelection selection = select_engines();
  EXPECT_EQ(check_fuzz_case(case_of("++++++[->++++++++<]>.[<]<+"), selection.all), "");
}

TEST(DifferentialOracle, CatchesALostOutputByte) {
  const EngineInfo engine = faulty("drops-a-byte", [](RunResult&, RunState& state) {
    if (state.out_length > 0) --state.out_length;
  });
  const std::string problem = check_with(engine, case_of("+++.>++."));
  EXPECT_NE(problem.find("drops-a-byte -O0"), std::string::npos) << problem;
  EXPECT_NE(problem.find("outputs first differ at byte 1"), std::string::npos) << problem;
}

TEST(DifferentialOracle, CatchesAWrongTrapPosition) {
  const EngineInfo engine = faulty("wrong-trap", [](RunResult& result, RunState&) {
    if (result.status == RunStatus::kTapeUnderflow) ++result.src;
  });
  const std::string problem = check_with(engine, case_of("+.<<+"));
  EXPECT_NE(problem.find("wrong-trap"), std::string::npos) << problem;
  EXPECT_NE(problem.find("tape underflow at byte 5"), std::string::npos) << problem;
}

TEST(DifferentialOracle, CatchesAnEngineThatIgnoresTheStepLimit) {
  const EngineInfo engine = faulty("no-steps", [](RunResult&, RunState&) {}, /*ignore_steps=*/true);
  // Ends after 41 loop tests at O0; a limit of 10 stops naive at every level but not this engine.
  const std::string problem = check_with(engine, case_of("++++++++++++++++++++[>+.<-]", 10));
  EXPECT_NE(problem.find("no-steps -O0 (counting steps)"), std::string::npos) << problem;
  EXPECT_NE(problem.find("naive -O0 gave step limit"), std::string::npos) << problem;
}

class RefusingEngine final : public Engine {
 public:
  std::unique_ptr<Executable> compile(const Program&, const CompileOptions&) const override {
    throw CompileError("refused");
  }
};

TEST(DifferentialOracle, ReportsACompileErrorAsADisagreement) {
  const EngineInfo engine{"cannot-compile", "always fails", true, "",
                          [] { return std::make_unique<RefusingEngine>(); }};
  const std::string problem = check_with(engine, case_of("+."));
  EXPECT_NE(problem.find("cannot-compile -O0 (counting steps) threw: refused"), std::string::npos)
      << problem;
}

TEST(DifferentialOracle, ALevelThatRunsOutOfStepsLaterStillExtendsO0sOutput) {
  // O0 runs out of its 4 loop tests inside the first [-]; O2 turns each [-] into one Set (no loop
  // tests) and gets to the end.
  const FuzzCase c = case_of("+++++.[-]+.[-]++.", 4);
  EXPECT_EQ(check_fuzz_case(c, select_engines().all), "");
  RunSetup setup;
  setup.max_steps = 4;
  EXPECT_EQ(run_code(engine_named("naive"), c.code, 0, setup).output, "\x05");
  EXPECT_EQ(run_code(engine_named("naive"), c.code, 2, setup).output, "\x05\x01\x02");
}

}  // namespace
}  // namespace bf::testing
