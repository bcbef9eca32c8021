// asmjit's code memory: AsmJit's JitAllocator with dual mapping -- the code runs from a
// read-execute view of a memfd whose only writable view is another mapping; without memfds
// compile() fails with a clear error instead of falling back to read-write-execute memory.
#include <gtest/gtest.h>
#include <sys/resource.h>

#include <cstdio>
#include <cstdlib>
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

class AsmjitMemory : public ::testing::Test {
 protected:
  void SetUp() override { asmjit_ = require_engine("asmjit"); }
  const EngineInfo* asmjit_ = nullptr;
};

std::string joined(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) text += line + "\n";
  return text;
}

// "rw-s" for "...-...-... rw-s 0000 00:01 123 /memfd:vmem (deleted)".
std::string permissions_of(const std::string& line) {
  const size_t space = line.find(' ');
  return space == std::string::npos ? "" : line.substr(space + 1, 4);
}

const Program kPrintsA = program({add(65, 0, 0), out(0, 1)});

TEST_F(AsmjitMemory, CodeRunsFromAReadExecuteViewWhoseFileHasASeparateReadWriteView) {
  const std::unique_ptr<Executable> executable = asmjit_->make()->compile(kPrintsA, {});
  const std::optional<MachineCode> code = executable->machine_code();
  ASSERT_TRUE(code.has_value());
  const std::string rx = mapping_at(reinterpret_cast<const void*>(code->address));
  ASSERT_FALSE(rx.empty());
  EXPECT_EQ(permissions_of(rx), "r-xs") << rx;

  const std::vector<std::string> views = mappings_of_same_file(rx);
  std::vector<std::string> writable;
  for (const std::string& view : views) {
    const std::string permissions = permissions_of(view);
    EXPECT_TRUE(permissions == "r-xs" || permissions == "rw-s") << view;
    if (permissions == "rw-s") writable.push_back(view);
  }
  EXPECT_EQ(writable.size(), 1u) << "expected one read-write view of the code's file:\n"
                                 << joined(views);
  EXPECT_TRUE(writable_and_executable_mappings().empty())
      << joined(writable_and_executable_mappings());
}

TEST_F(AsmjitMemory, ExecutablesOutliveTheEngineThatCompiledThem) {
  // Each executable shares the engine's JitAllocator, so its code stays mapped after the engine
  // is gone -- and is released when the executable goes.
  std::vector<std::unique_ptr<Executable>> executables;
  {
    const std::unique_ptr<Engine> engine = asmjit_->make();
    for (int i = 0; i < 3; ++i) executables.push_back(engine->compile(kPrintsA, {}));
  }
  for (const std::unique_ptr<Executable>& executable : executables) {
    StringSink sink;
    BytesSource input("");
    Tape tape;
    EXPECT_TRUE(ProgramRun(sink, input).run(*executable, tape).ok());
    EXPECT_EQ(sink.data(), "A");
  }
}

// The child of the test below: compiles with no file descriptor to spare, so AsmJit's
// memfd_create fails. Reports the CompileError on stderr and exits 0 only if no mapping became
// writable and executable (checked with the limit restored: reading /proc/self/maps needs a
// descriptor too).
[[noreturn]] void compile_without_descriptors(const EngineInfo& asmjit) {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) std::_Exit(2);
  const rlimit none{0, limit.rlim_max};
  if (::setrlimit(RLIMIT_NOFILE, &none) != 0) std::_Exit(2);
  try {
    asmjit.make()->compile(kPrintsA, {});
    std::_Exit(3);
  } catch (const CompileError& error) {
    std::fprintf(stderr, "%s\n", error.what());
  }
  if (::setrlimit(RLIMIT_NOFILE, &limit) != 0) std::_Exit(2);
  std::_Exit(writable_and_executable_mappings().empty() ? 0 : 4);
}

// Under the sanitizers the child cannot run: UBSan probes memory through a pipe on its first check
// of each dynamic type, and with no descriptor left that probe fails and reports a false error.
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BF_SANITIZED_BUILD 1
#endif
#endif

TEST_F(AsmjitMemory, WithoutFileDescriptorsCompileFailsRatherThanMapReadWriteExecute) {
#ifdef BF_SANITIZED_BUILD
  GTEST_SKIP() << "sanitizer runtime needs file descriptors of its own (runs in the normal build)";
#endif
  EXPECT_EXIT(compile_without_descriptors(*asmjit_), ::testing::ExitedWithCode(0),
              "asmjit: cannot allocate dual-mapped code memory .*: ");
}

}  // namespace
}  // namespace bf::testing
