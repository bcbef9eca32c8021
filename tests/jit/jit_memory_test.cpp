// W^X: while generated code is live -- and while it runs -- no mapping of the process is both
// writable and executable, and the code itself sits in a read-execute mapping (private for
// handjit and xbyak, a shared memfd view for asmjit's dual mapping: "r-xp" or "r-xs").
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "core/runtime/program_run.h"
#include "tests/jit/jit_engines.h"
#include "tests/jit/proc_maps.h"
#include "tests/support/ir_builder.h"

namespace bf::testing {
namespace {

using namespace ir;

// Input that inspects the process's mappings when the running program asks for a byte.
class MapsProbe final : public InputSource {
 public:
  explicit MapsProbe(const void* code) : code_(code) {}
  size_t read(uint8_t*, size_t) override {
    ++reads;
    wx_mappings = writable_and_executable_mappings();
    code_permissions = permissions_at(code_);
    return 0;
  }
  int reads = 0;
  std::vector<std::string> wx_mappings;
  std::string code_permissions;

 private:
  const void* code_;
};

std::string joined(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) text += line + "\n";
  return text;
}

class JitMemory : public EngineTest {
 protected:
  // asmjit runs its code from the read-execute view of a memfd it also maps read-write elsewhere.
  std::string code_permissions() const { return engine().name == "asmjit" ? "r-xs" : "r-xp"; }
};

TEST_P(JitMemory, NoMappingIsWritableAndExecutableWhileCodeIsLiveOrRunning) {
  const Program reads = program({add(1, 0, 0), in(0, 1), out(0, 2)});
  const std::unique_ptr<Executable> executable = engine().make()->compile(reads, {});
  const std::optional<MachineCode> code = executable->machine_code();
  ASSERT_TRUE(code.has_value());
  const auto* address = reinterpret_cast<const void*>(code->address);

  EXPECT_EQ(permissions_at(address), code_permissions());
  EXPECT_TRUE(writable_and_executable_mappings().empty()) << joined(writable_and_executable_mappings());

  StringSink sink;
  MapsProbe probe(address);
  Tape tape;
  EXPECT_TRUE(ProgramRun(sink, probe).run(*executable, tape).ok());
  ASSERT_EQ(probe.reads, 1) << "the program's ',' should have asked for input once";
  EXPECT_EQ(probe.code_permissions, code_permissions());
  EXPECT_TRUE(probe.wx_mappings.empty()) << joined(probe.wx_mappings);
}

TEST_P(JitMemory, MachineCodeDescribesEveryOp) {
  // The scan starts on the cell just set to zero, so it needs no code: its op shares its offset
  // with the next op's. Offsets never decrease.
  const Program loops = program({add(3, 0, 0), begin(1), mul_add(2, 1, 0, 2, 1), mul_add(1, 2, 0, 3, 1),
                                 set(0, 0, 4), scan(-1, 5, 6), end(7), out(1, 8)});
  const std::unique_ptr<Executable> executable = engine().make()->compile(loops, {});
  const std::optional<MachineCode> code = executable->machine_code();
  ASSERT_TRUE(code.has_value());
  EXPECT_EQ(code->bytes.size(), executable->code_bytes());
  EXPECT_EQ(reinterpret_cast<uint64_t>(code->bytes.data()), code->address);
  ASSERT_EQ(code->op_offsets.size(), loops.ops.size());
  for (size_t i = 0; i < code->op_offsets.size(); ++i) {
    EXPECT_LT(code->op_offsets[i], code->bytes.size());
    if (i > 0) {
      EXPECT_LE(code->op_offsets[i - 1], code->op_offsets[i]) << "op " << i;
    }
  }
  EXPECT_EQ(code->op_offsets[5], code->op_offsets[6]);
  EXPECT_LT(code->op_offsets[4], code->op_offsets[5]);
}

BF_INSTANTIATE_JIT_TEST(JitMemory);

}  // namespace
}  // namespace bf::testing
