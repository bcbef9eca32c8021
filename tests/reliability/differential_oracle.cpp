// One fuzz case on every given engine and level, compared with naive -O0 (rules in the header).
#include "tests/reliability/differential_oracle.h"

#include <exception>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "core/parser.h"
#include "core/passes/pipeline.h"
#include "tests/support/engine_runner.h"
#include "tests/support/same_as_naive.h"

namespace bf::testing {

namespace {

std::string escaped(const std::string& bytes, size_t limit) {
  std::ostringstream out;
  for (size_t i = 0; i < bytes.size() && i < limit; ++i) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    if (c >= 0x20 && c < 0x7f && c != '\\') {
      out << static_cast<char>(c);
    } else {
      static const char kHex[] = "0123456789abcdef";
      out << "\\x" << kHex[c >> 4] << kHex[c & 15];
    }
  }
  if (bytes.size() > limit) out << "... (" << bytes.size() << " bytes)";
  return out.str();
}

std::string describe_case(const FuzzCase& c) {
  static const char* const kEof[] = {"keep", "0", "255"};
  std::ostringstream out;
  out << "case: --eof " << kEof[static_cast<int>(c.eof)] << " --tape-size " << c.tape_cells
      << " --max-steps " << c.max_steps << " --input-text '" << escaped(c.input, 300) << "'\n"
      << "program: " << escaped(c.code, 3000);
  return out.str();
}

// What one run is: engine, level, and whether it counted steps.
struct Run {
  const EngineInfo* engine;
  int level;
  bool counted;

  std::string name() const {
    return engine->name + " -O" + std::to_string(level) +
           (counted ? " (counting steps)" : " (no step counting)");
  }
};

class Checker {
 public:
  explicit Checker(const FuzzCase& c) : case_(c) {
    setup_.input = c.input;
    setup_.eof = c.eof;
    setup_.tape_cells = c.tape_cells;
  }

  std::string check(std::span<const EngineInfo* const> engines) {
    if (std::string problem = check_parser(); !problem.empty()) return problem;
    try {
      return check_engines(engines);
    } catch (const RunFailed& failed) {
      return fail(failed.what);  // an engine that cannot compile a valid program disagrees too
    }
  }

 private:
  struct RunFailed {
    std::string what;
  };

  std::string check_engines(std::span<const EngineInfo* const> engines) {
    const Program o0 = parse(Source("fuzz.b", case_.code));
    const EngineInfo& naive = engine_named("naive");
    const Outcome reference = run(o0, {&naive, 0, true});
    const bool ended = reference.result.status != RunStatus::kStepLimit;
    for (int level = 0; level <= kMaxLevel; ++level) {
      Program program;
      try {
        program = optimize(o0, level, {}, /*check=*/true);
      } catch (const std::logic_error& error) {
        return fail(std::string("optimizer -O") + std::to_string(level) + ": " + error.what());
      }
      const Outcome level_reference = level == 0 ? reference : run(program, {&naive, level, true});
      if (ended && !(level_reference.output == reference.output &&
                     level_reference.result == reference.result)) {
        return differ({&naive, level, true}, level_reference, "naive -O0", reference);
      }
      if (!ended && level_reference.output.compare(0, reference.output.size(), reference.output) != 0) {
        return fail("naive -O" + std::to_string(level) + " gave " + describe(level_reference) +
                    ", which does not extend naive -O0's output before its step limit (" +
                    describe(reference) + "); " +
                    first_difference(level_reference.output, reference.output));
      }
      for (const EngineInfo* engine : engines) {
        if (engine->name != naive.name) {
          const Run counted{engine, level, true};
          const Outcome got = run(program, counted);
          if (!(got.output == level_reference.output && got.result == level_reference.result)) {
            return differ(counted, got, "naive -O" + std::to_string(level), level_reference);
          }
        }
        if (!ended) continue;  // without a step limit the run might never end
        const Run uncounted{engine, level, false};
        const Outcome got = run(program, uncounted);
        if (!(got.output == reference.output && got.result == reference.result)) {
          return differ(uncounted, got, "naive -O0", reference);
        }
      }
    }
    return "";
  }

  // The raw text parses exactly when balanced; refusing is a ParseError naming a bracket.
  std::string check_parser() {
    const bool balanced = brackets_balanced(case_.raw_code);
    try {
      parse(Source("raw.b", case_.raw_code));
      if (!balanced) return fail("the parser accepted unbalanced brackets");
    } catch (const ParseError& error) {
      if (balanced) return fail("the parser refused balanced brackets: " + error.message);
      const char at = error.byte < case_.raw_code.size() ? case_.raw_code[error.byte] : '\0';
      if (at != '[' && at != ']') {
        return fail("the parse error names byte " + std::to_string(error.byte) +
                    ", which is not a bracket");
      }
    }
    return "";
  }

  Outcome run(const Program& program, const Run& r) {
    RunSetup setup = setup_;
    setup.max_steps = r.counted ? case_.max_steps : 0;
    try {
      return run_on(*r.engine, program, setup);
    } catch (const std::exception& error) {
      throw RunFailed{r.name() + " threw: " + error.what()};
    }
  }

  std::string differ(const Run& r, const Outcome& got, const std::string& want_name,
                     const Outcome& want) const {
    std::string text = r.name() + " gave " + describe(got) + ", " + want_name + " gave " +
                       describe(want);
    if (got.output != want.output) text += "; " + first_difference(got.output, want.output);
    return fail(text);
  }

  std::string fail(const std::string& what) const { return what + "\n" + describe_case(case_); }

  const FuzzCase& case_;
  RunSetup setup_;
};

}  // namespace

std::string check_fuzz_case(const FuzzCase& fuzz_case, std::span<const EngineInfo* const> engines) {
  return Checker(fuzz_case).check(engines);
}

}  // namespace bf::testing
