// The front door's own reading of `run`'s options (cli/plain_options.h) against the full parser in
// bfbench-tools: where the plain parser reads a command line, both mean the same; everything else
// it hands over, so that help and errors stay exactly the full parser's.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "cli/cli_common.h"
#include "cli/plain_options.h"
#include "cli/run_options.h"
#include "core/engine_registry.h"
#include "tests/support/process.h"

namespace bf::testing {
namespace {

using cli::OptionValues;

const std::string kBfbench = BFBENCH_BINARY;
const std::string kTools = kBfbench.substr(0, kBfbench.rfind('/') + 1) + "bfbench-tools";
const std::string kCorpus = std::string(BFBENCH_SOURCE_DIR) + "/corpus/";

std::optional<OptionValues> plain(std::vector<std::string> args) {
  args.insert(args.begin(), "run");
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  return cli::parse_plain_options(static_cast<int>(args.size()), argv.data(),
                                  cli::run_option_specs(), "file");
}

TEST(PlainOptions, ReadsTheCommonSpellingsAndFillsInTheDefaults) {
  const std::optional<OptionValues> values =
      plain({"--engine", "naive", "-O1", "--input=in.txt", "prog.b", "--perf-map", "-e", "+."});
  ASSERT_TRUE(values);
  EXPECT_EQ(*values, (OptionValues{{"engine", "naive"},
                                   {"level", "1"},
                                   {"input", "in.txt"},
                                   {"file", "prog.b"},
                                   {"perf-map", ""},
                                   {"code", "+."},
                                   {"eof", "keep"}}));
  EXPECT_EQ(plain({"-O", "2", "-iin.txt", "x.b"})->at("level"), "2");
  EXPECT_EQ(plain({"x.b"})->at("level"), "O3");
  EXPECT_EQ(plain({"-e", ""})->at("code"), "");  // an empty next word is a value, as for Boost
}

TEST(PlainOptions, HandsEverythingElseToTheFullParser) {
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"--eng", "naive", "x.b"},          // abbreviated: Boost guesses
           {"--frobnicate", "x.b"},            // unknown: Boost's error and did-you-mean
           {"--engine"},                       // value missing
           {"--engine", "-x", "x.b"},          // a value that starts with '-'
           {"-e", "-."},                       // (code can: Boost decides)
           {"--input=", "x.b"},                // empty value
           {"-O=2", "x.b"},                    // '=' after a short option
           {"--perf-map=1", "x.b"},            // a value for a flag
           {"-hx"},                            // letters after a short flag
           {"-O1", "-O2", "x.b"},              // given twice
           {"x.b", "y.b"},                     // a second FILE
           {"--", "x.b"},
           {"-", "x.b"},
           {""},
       }) {
    EXPECT_FALSE(plain(args)) << ::testing::PrintToString(args);
  }
  EXPECT_TRUE(plain({"--help"})->contains("help"));  // the front door hands --help over too
}

// The table is constant data; the one text that depends on the build is made for --help only.
TEST(PlainOptions, EveryRunOptionHasItsHelpAndTheEngineOptionNamesThisBuildsDefault) {
  bool engine_seen = false;
  for (const cli::OptionSpec& spec : cli::run_option_specs()) {
    EXPECT_FALSE(spec.description().empty()) << spec.names;
    if (spec.long_name() != "engine") continue;
    engine_seen = true;
    EXPECT_EQ(spec.description(), "engine to use (see `bfbench engines`; default: " +
                                      cli::default_engine().name + ", the fastest in this build)");
  }
  EXPECT_TRUE(engine_seen);
  const ProcessResult help = run_process({kBfbench, "run", "--help"});
  EXPECT_NE(help.out.find("default: "), std::string::npos) << help.out;
}

TEST(PlainOptions, TheFrontDoorAndTheFullParserGiveTheSameResult) {
  const std::string hello = kCorpus + "hello.b";
  const std::string echo = kCorpus + "echo.b";
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {hello},
           {"--engine", "naive", "-O0", hello},
           {"--engine=threaded", "--level=o2", hello},
           {"-e", "+++[>++<-]>.", "--eof", "255"},
           {"-e", ""},
           {"--engine", "", hello},
           {"--input", kCorpus + "echo.in", "--eof", "0", echo},  // echo needs EOF policy 0
           {"-i" + kCorpus + "echo.in", "--eof=0", echo},
           {"--input-text", "abc", "--eof", "0", echo},
           {"--input-text", "abc", "--input", kCorpus + "echo.in", echo},
           {"--engine", "asmjti", hello},
           {"-O9", hello},
           {"--eof", "7", echo},
           {"--tape-size", "0", hello},
           {"--tape-size", "1x", hello},
           {"--max-steps", "10", hello},
           {"--timeout", "0", hello},
           {"--max-code-size", "10", hello},
           {kCorpus + "trap_left.b"},
           {"/nonexistent/x.b"},
           {"--disable-pass", "no-such-pass", hello},
       }) {
    std::vector<std::string> front = {kBfbench, "run"}, full = {kTools, "run"};
    front.insert(front.end(), args.begin(), args.end());
    full.insert(full.end(), args.begin(), args.end());
    const ProcessResult a = run_process(front), b = run_process(full);
    SCOPED_TRACE(::testing::PrintToString(args));
    EXPECT_EQ(a.exit_code, b.exit_code);
    EXPECT_EQ(a.out, b.out);
    EXPECT_EQ(a.err, b.err);
  }
}

TEST(EngineRegistry, ProbesAnEngineOnlyWhenItIsAskedFor) {
  int probes_a = 0, probes_b = 0;
  EngineRegistry registry;
  registry.add("a", [&] { ++probes_a; return EngineInfo{"a", "first", true, "", nullptr}; });
  registry.add("b", [&] { ++probes_b; return EngineInfo{"b", "", false, "missing", nullptr}; });
  EXPECT_EQ(registry.names(), "a, b");
  EXPECT_EQ(probes_a + probes_b, 0);
  ASSERT_NE(registry.find("a"), nullptr);
  EXPECT_EQ(registry.find("a")->description, "first");
  EXPECT_EQ(registry.find("c"), nullptr);
  EXPECT_EQ(probes_a, 1);
  EXPECT_EQ(probes_b, 0);
  ASSERT_EQ(registry.all().size(), 2u);
  EXPECT_EQ(registry.all()[1].unavailable_reason, "missing");
  EXPECT_EQ(&registry.all()[0], registry.find("a"));
  EXPECT_EQ(probes_a, 1);
  EXPECT_EQ(probes_b, 1);
}

}  // namespace
}  // namespace bf::testing
