// The perf map: one "START SIZE name" line per op's code, named by op and source byte, written by
// every JIT when CompileOptions::perf_map asks (`bfbench run --perf-map`).
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "core/parser.h"
#include "core/passes/pipeline.h"
#include "engines/jit/perf_map.h"
#include "tests/jit/jit_engines.h"

namespace bf::jit {
namespace {

Op op(OpKind kind, int32_t arg, uint32_t src) { return Op{.kind = kind, .arg = arg, .src = src}; }

TEST(PerfMap, OneLinePerCodeRangeNamedByOpAndSourceByte) {
  const Program program{{op(OpKind::kAdd, 3, 0), op(OpKind::kMove, 1, 3), op(OpKind::kOut, 0, 4)}};
  // Entry code in [0, 0x10); op 1 (a move folded into op 2's addressing) has no code of its own.
  EXPECT_EQ(perf_map_lines("handjit", program, {0x10, 0x14, 0x14}, 0x7f0000001000, 0x40),
            "7f0000001000 10 bf handjit entry\n"
            "7f0000001010 4 bf handjit op 0 add p[0] += 3 @byte 0\n"
            "7f0000001014 2c bf handjit op 1 move p += 1 @byte 3; op 2 out p[0] @byte 4\n");
}

TEST(PerfMap, NoOpsIsAllEntry) {
  EXPECT_EQ(perf_map_lines("xbyak", Program{}, {}, 0x1000, 8), "1000 8 bf xbyak entry\n");
}

class JitPerfMap : public testing::EngineTest {};

TEST_P(JitPerfMap, CompilingWithPerfMapAppendsTheCodesSymbolsToTmpPerfPidMap) {
  const std::string path = perf_map_path();
  EXPECT_EQ(path, "/tmp/perf-" + std::to_string(::getpid()) + ".map");
  std::remove(path.c_str());
  const Program program = optimize(parse(Source("t.b", "+++[>++<-]>.")), 1);
  const std::unique_ptr<Executable> plain = engine().make()->compile(program, {});
  EXPECT_FALSE(std::ifstream(path).good()) << "written without being asked";

  CompileOptions options;
  options.perf_map = true;
  const std::unique_ptr<Executable> executable = engine().make()->compile(program, options);
  const std::optional<MachineCode> code = executable->machine_code();
  ASSERT_TRUE(code);
  std::stringstream map;
  map << std::ifstream(path).rdbuf();
  std::remove(path.c_str());
  EXPECT_EQ(map.str(), perf_map_lines(GetParam(), program, code->op_offsets, code->address,
                                      code->bytes.size()));
  char first[32];
  std::snprintf(first, sizeof first, "%llx ", static_cast<unsigned long long>(code->address));
  EXPECT_EQ(map.str().rfind(first, 0), 0u) << map.str();
  EXPECT_NE(map.str().find("op 3 add p[0] += 2 @byte 5\n"), std::string::npos) << map.str();
}

BF_INSTANTIATE_JIT_TEST(JitPerfMap);

}  // namespace
}  // namespace bf::jit
