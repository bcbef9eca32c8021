// The run-time pass switch: optimize() skips what disable_passes() names, runs only what
// run_only_passes() names, and rejects names that are not passes.
#include "core/passes/pass_switch.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "core/ir_printer.h"
#include "core/parser.h"
#include "core/passes/pipeline.h"

namespace bf {
namespace {

class PassSwitch : public ::testing::Test {
 protected:
  void TearDown() override { enable_all_passes(); }
  static std::string optimized(const std::string& code) {
    return print_ir(optimize(parse(Source("t.b", code)), 3));
  }
};

TEST_F(PassSwitch, DisablingAPassSkipsItAtEveryLevel) {
  disable_passes({"clear-loops"});
  EXPECT_FALSE(pass_enabled("clear-loops"));
  EXPECT_TRUE(pass_enabled("fold-runs"));
  const std::string o2 = print_ir(optimize(parse(Source("t.b", ",[-]")), 2));
  EXPECT_EQ(o2.find("set"), std::string::npos) << o2;
  EXPECT_NE(o2.find("loop"), std::string::npos) << o2;
  enable_all_passes();
  EXPECT_NE(print_ir(optimize(parse(Source("t.b", ",[-]")), 2)).find("set p[0] = 0"),
            std::string::npos);
}

TEST_F(PassSwitch, OnlyNoPassesIsTheParsedProgram) {
  run_only_passes({});
  const Program parsed = parse(Source("t.b", "++[->+<]"));
  EXPECT_EQ(optimize(parsed, 3), parsed);
  run_only_passes({"fold-runs"});
  EXPECT_EQ(optimize(parsed, 3), optimize(parsed, 1));
}

TEST_F(PassSwitch, EnableAllRestoresThePipeline) {
  // An unknown counter: with a known one, known-cells and collapse-loops do the work alone.
  const std::string all = optimized(",[->+<]");
  disable_passes({"multiply-loops"});
  EXPECT_NE(optimized(",[->+<]"), all);
  enable_all_passes();
  EXPECT_EQ(optimized(",[->+<]"), all);
}

TEST_F(PassSwitch, AnUnknownNameIsRejectedNamingThePasses) {
  try {
    disable_passes({"fold-runs", "no-such-pass"});
    FAIL() << "accepted an unknown pass";
  } catch (const std::invalid_argument& error) {
    EXPECT_NE(std::string(error.what()).find("'no-such-pass'"), std::string::npos);
    EXPECT_NE(std::string(error.what()).find("fold-runs"), std::string::npos);
  }
  EXPECT_TRUE(pass_enabled("fold-runs"));  // the switch is unchanged
}

}  // namespace
}  // namespace bf
