// The code shape of core/jit/CODE_SHAPE.md, pinned: a golden listing of one program covering every
// op, and every other JIT's code instruction for instruction the same as handjit's. The function
// frame (prologue, epilogue) is left out of both: a library may build it (AsmJit's FuncFrame).
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "core/parser.h"
#include "core/passes/pipeline.h"
#include "tests/jit/code_listing.h"
#include "tests/jit/ir_build.h"
#include "tests/jit/jit_engines.h"

namespace bf::testing {
namespace {

using namespace ir;

CodeListing compiled_listing(const EngineInfo& engine, const Program& program, bool count_steps) {
  CompileOptions options;
  options.count_steps = count_steps;
  const std::unique_ptr<Executable> executable = engine.make()->compile(program, options);
  const std::optional<MachineCode> code = executable->machine_code();
  if (!code) throw std::logic_error(engine.name + " gives no machine code");
  return listing_of(*code);
}

// One of each op: offsets with disp8 and disp32, a MulAdd group with each factor form, scans both
// ways, output and input.
Program every_op() {
  return program({add(5, 3, 0), move(2, 1), set(7, -1, 2), begin(3), add(-1, 0, 4), end(5),
                  mul_add(1, 1, 0, 6, 3), mul_add(-1, 2, 0, 7, 3), mul_add(3, 300, 0, 8, 3),
                  set(0, 0, 9), scan(1, 10, 11), scan(-2, 12, 13), out(0, 14), in(1, 15)});
}

class JitShape : public JitTest {};

TEST_P(JitShape, EveryOpHasTheDocumentedCode) {
  const std::string expected = R"(-- op 0
0: add byte ptr [rbx + 3], 5
-- op 1
1: add rbx, 2
-- op 2
2: mov byte ptr [rbx - 1], 7
-- op 3
3: cmp byte ptr [rbx], 0
4: je @7
-- op 4
5: add byte ptr [rbx], 0xff
-- op 5
6: jne @5
-- op 6
7: movzx ecx, byte ptr [rbx]
8: lea rax, [rbx + 0x12c]
9: cmp rax, r14
10: jae @58
11: add byte ptr [rbx + 1], cl
-- op 7
12: sub byte ptr [rbx + 2], cl
-- op 8
13: imul eax, ecx, 3
14: add byte ptr [rbx + 0x12c], al
-- op 9
15: mov byte ptr [rbx], 0
-- op 10
16: cmp byte ptr [rbx], 0
17: je @24
18: lea rdi, [rbx + 1]
19: mov rsi, r14
20: movabs rax, bf_scan_right
21: call rax
22: mov rbx, rax
23: cmp byte ptr [rbx], 0
-- op 11
24: cmp byte ptr [rbx], 0
25: je @39
26: cmp byte ptr [rbx - 2], 0
27: je @38
28: cmp byte ptr [rbx - 4], 0
29: je @37
30: cmp byte ptr [rbx - 6], 0
31: je @36
32: add rbx, -8
33: cmp byte ptr [rbx], 0
34: jne @26
35: jmp @39
36: add rbx, -2
37: add rbx, -2
38: add rbx, -2
-- op 12
39: movzx eax, byte ptr [rbx]
40: mov rcx, qword ptr [r12]
41: mov rdx, qword ptr [r12 + 8]
42: mov byte ptr [rcx + rdx], al
43: add rdx, 1
44: mov qword ptr [r12 + 8], rdx
45: cmp rdx, qword ptr [r12 + 0x10]
46: jne @50
47: mov rdi, r12
48: movabs rax, bf_flush_output
49: call rax
-- op 13
50: movzx esi, byte ptr [rbx + 1]
51: mov rdi, r12
52: movabs rax, bf_read_input
53: call rax
54: mov byte ptr [rbx + 1], al
55: mov eax, 0
56: mov eax, 2
57: jmp @epilogue
58: test ecx, ecx
59: je @15
60: jmp @11
)";
  EXPECT_EQ(body_text(compiled_listing(jit(), every_op(), false)), expected);
}

// Programs that between them reach every decision lowering makes.
std::vector<std::pair<std::string, Program>> shape_programs() {
  std::vector<std::pair<std::string, Program>> programs{{"every_op", every_op()}};
  const int32_t far = static_cast<int32_t>(Tape::guard_bytes()) + 10;
  programs.emplace_back("checks", program({move(far, 0), add(1, 0, 1), mul_add(2, -1, 0, 2, 3),
                                           mul_add(1, -3, 0, 4, 3), move(-far, 5), scan(far, 6, 7),
                                           mul_add(1, kMaxOffset, 0, 8, 9)}));
  const char* sources[] = {
      "++++++++[>++++[>++>+++>+++>+<<<<-]>+>+>->>+[<]<-]>>.>---.+++++++..+++.>>.<-.<.+++.------.",
      ",[.,]",
      "+[->>+<-<]>[-]<<[>>>]>[<<]+++[>+++<-]>[>+>++<<-]"};
  for (const char* source : sources) {
    for (int level = 0; level <= kMaxLevel; ++level) {
      programs.emplace_back(std::string(source).substr(0, 12) + " O" + std::to_string(level),
                            optimize(parse(Source("shape.b", source)), level));
    }
  }
  return programs;
}

TEST_P(JitShape, SameCodeAsHandjit) {
  if (GetParam() == "handjit") GTEST_SKIP() << "handjit is the reference";
  std::string why;
  const EngineInfo* reference = usable_jit("handjit", why);
  ASSERT_NE(reference, nullptr) << why;
  for (const auto& [name, program] : shape_programs()) {
    for (bool count_steps : {false, true}) {
      SCOPED_TRACE(name + (count_steps ? " counting steps" : ""));
      const CodeListing want = compiled_listing(*reference, program, count_steps);
      const CodeListing got = compiled_listing(jit(), program, count_steps);
      EXPECT_EQ(body_text(got), body_text(want));
    }
  }
}

BF_INSTANTIATE_JIT_TEST(JitShape);

}  // namespace
}  // namespace bf::testing
