// expect_same_as_naive() and the descriptions its failures print.
#include "tests/support/same_as_naive.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <stdexcept>

#include "core/ir_printer.h"

namespace bf {

void PrintTo(const RunResult& result, std::ostream* os) { *os << testing::describe(result); }

}  // namespace bf

namespace bf::testing {

namespace {

// Enough of a program's IR to debug it from a failure message: its first lines.
std::string ir_excerpt(const Program& program) {
  constexpr size_t kShownLines = 200;
  const std::string text = print_ir(program);
  size_t end = 0;  // just after the last line shown
  for (size_t line = 0; line < kShownLines; ++line) {
    end = text.find('\n', end);
    if (end == std::string::npos) return text;
    ++end;
  }
  if (end == text.size()) return text;
  return text.substr(0, end) + "... (" + std::to_string(program.ops.size()) + " ops in all)\n";
}

std::string byte_text(const std::string& bytes, size_t at) {
  if (at >= bytes.size()) return "none";
  char text[8];
  std::snprintf(text, sizeof text, "0x%02x", static_cast<unsigned char>(bytes[at]));
  return text;
}

// expect_same_outcome(), naming the engine and listing the program when they differ.
bool expect_same_on(const Program& program, const Outcome& got, const Outcome& want,
                    const std::string& who) {
  if (got.result == want.result && got.output == want.output) return true;
  expect_same_outcome(got, want, who + " vs naive on\n" + ir_excerpt(program));
  return false;
}

}  // namespace

std::string describe(const RunResult& r) { return describe_end(r); }

std::string describe(const Outcome& outcome) {
  return describe(outcome.result) + ", " + std::to_string(outcome.output.size()) + " output bytes";
}

std::string first_difference(const std::string& got, const std::string& want) {
  if (got == want) return "";
  size_t i = 0;
  while (i < got.size() && i < want.size() && got[i] == want[i]) ++i;
  return "outputs first differ at byte " + std::to_string(i) + " (" + byte_text(got, i) + " vs " +
         byte_text(want, i) + "; " + std::to_string(got.size()) + " vs " +
         std::to_string(want.size()) + " bytes)";
}

void expect_same_outcome(const Outcome& got, const Outcome& want, const std::string& context) {
  EXPECT_EQ(got.result, want.result) << "got " << describe(got) << ", expected " << describe(want)
                                     << "\n" << context;
  // Not EXPECT_EQ: outputs may be megabytes long.
  EXPECT_TRUE(got.output == want.output) << first_difference(got.output, want.output) << "\n"
                                         << context;
}

Outcome expect_same_as_naive(const EngineInfo& engine, const Program& program,
                             const RunSetup& setup) {
  const Outcome want = run_on(engine_named("naive"), program, setup);
  const Outcome got = run_on(engine, program, setup);
  expect_same_on(program, got, want, engine.name);
  return got;
}

Outcome expect_same_as_naive_within_steps(const EngineInfo& engine, const Program& program,
                                          const RunSetup& setup) {
  if (setup.max_steps == 0) throw std::invalid_argument("no step budget to stay within");
  const Outcome want = run_on(engine_named("naive"), program, setup);
  const Outcome counted = run_on(engine, program, setup);
  if (!expect_same_on(program, counted, want, engine.name + " (counting steps)")) return want;
  if (want.result.status == RunStatus::kStepLimit) return want;
  RunSetup unlimited = setup;
  unlimited.max_steps = 0;
  expect_same_on(program, run_on(engine, program, unlimited), want,
                 engine.name + " (not counting steps)");
  return want;
}

}  // namespace bf::testing
