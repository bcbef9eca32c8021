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

// One of each op: offsets with disp8 and disp32, a fixed region (cells in registers, range
// checked, plain copy out of line), an ordinary loop, a MulAdd group with each factor form, scans
// both ways, output and input.
Program every_op() {
  return program({add(5, 3, 0), move(2, 1), set(7, -1, 2), begin(3), add(-1, 0, 4), add(2, 4, 5),
                  end(6), begin(7), move(1, 8), end(9), mul_add(1, 1, 0, 10, 3),
                  mul_add(-1, 2, 0, 11, 3), mul_add(3, 300, 0, 12, 3), set(0, 0, 13),
                  scan(1, 14, 15), scan(-2, 16, 17), out(0, 18), in(1, 19)});
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
3: lea rax, [rbx + 4]
4: cmp rax, r14
5: jae @72
6: movzx r8d, byte ptr [rbx]
7: movzx r9d, byte ptr [rbx + 4]
8: test r8b, r8b
9: je @14
-- op 4
10: add r8b, 0xff
-- op 5
11: add r9b, 2
-- op 6
12: test r8b, r8b
13: jne @10
14: mov byte ptr [rbx], r8b
15: mov byte ptr [rbx + 4], r9b
-- op 7
16: cmp byte ptr [rbx], 0
17: je @21
-- op 8
18: add rbx, 1
-- op 9
19: cmp byte ptr [rbx], 0
20: jne @18
-- op 10
21: movzx ecx, byte ptr [rbx]
22: lea rax, [rbx + 0x12c]
23: cmp rax, r14
24: jae @79
25: add byte ptr [rbx + 1], cl
-- op 11
26: sub byte ptr [rbx + 2], cl
-- op 12
27: imul eax, ecx, 3
28: add byte ptr [rbx + 0x12c], al
-- op 13
29: mov byte ptr [rbx], 0
-- op 14
30: cmp byte ptr [rbx], 0
31: je @38
32: lea rdi, [rbx + 1]
33: mov rsi, r14
34: movabs rax, bf_scan_right
35: call rax
36: mov rbx, rax
37: cmp byte ptr [rbx], 0
-- op 15
38: cmp byte ptr [rbx], 0
39: je @53
40: cmp byte ptr [rbx - 2], 0
41: je @52
42: cmp byte ptr [rbx - 4], 0
43: je @51
44: cmp byte ptr [rbx - 6], 0
45: je @50
46: add rbx, -8
47: cmp byte ptr [rbx], 0
48: jne @40
49: jmp @53
50: add rbx, -2
51: add rbx, -2
52: add rbx, -2
-- op 16
53: movzx eax, byte ptr [rbx]
54: mov rcx, qword ptr [r12]
55: mov rdx, qword ptr [r12 + 8]
56: mov byte ptr [rcx + rdx], al
57: add rdx, 1
58: mov qword ptr [r12 + 8], rdx
59: cmp rdx, qword ptr [r12 + 0x10]
60: jne @64
61: mov rdi, r12
62: movabs rax, bf_flush_output
63: call rax
-- op 17
64: movzx esi, byte ptr [rbx + 1]
65: mov rdi, r12
66: movabs rax, bf_read_input
67: call rax
68: mov byte ptr [rbx + 1], al
69: mov eax, 0
70: mov eax, 2
71: jmp @epilogue
72: cmp byte ptr [rbx], 0
73: je @78
74: add byte ptr [rbx], 0xff
75: add byte ptr [rbx + 4], 2
76: cmp byte ptr [rbx], 0
77: jne @74
78: jmp @16
79: test ecx, ecx
80: je @29
81: jmp @25
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
  // A factor-style nest of counting loops around a multiply (one fixed region, five cells, so one
  // stays in memory), near the tape's start so that its range check matters.
  programs.emplace_back(
      "nest", program({move(3, 0), begin(1), add(-1, 0, 2), add(1, 1, 3), begin(4), add(-1, 0, 5),
                       add(1, 1, 6), begin(7), add(10, 0, 8), mul_add(1, 1, 0, 9, 7),
                       mul_add(2, -3, 0, 10, 7), set(0, 0, 11), add(-1, 10, 12), add(1, 12, 13),
                       end(14), end(15), end(16)}));
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
