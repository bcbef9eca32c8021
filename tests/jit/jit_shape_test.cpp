// The code shape of engines/jit/CODE_SHAPE.md, pinned: a golden listing of one program covering every
// op, and every other JIT's code instruction for instruction the same as handjit's. The function
// frame (prologue, epilogue) is left out of both: a library may build it (AsmJit's FuncFrame).
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "core/parser.h"
#include "core/passes/pipeline.h"
#include "tests/jit/code_listing.h"
#include "tests/jit/jit_engines.h"
#include "tests/support/ir_builder.h"

namespace bf::testing {
namespace {

using namespace ir;

// One of each op: offsets with disp8 and disp32, a fixed region (cells in registers, range
// checked, plain copy out of line), an ordinary loop, a MulAdd group with each factor form, scans
// both ways, output and input.
// The moves in between keep each op's cell one whose value is not known (so that every op gets its
// ordinary code; known values are pinned by the next program).
Program every_op() {
  return program({add(5, 3, 0), move(2, 1), set(7, -1, 2), begin(3), add(-1, 0, 4), add(2, 4, 5),
                  end(6), move(3, 7), begin(8), move(1, 9), end(10), move(1, 11),
                  mul_add(1, 1, 0, 12, 11), mul_add(-1, 2, 0, 13, 11), mul_add(3, 300, 0, 14, 11),
                  set(0, 0, 15), move(1, 16), scan(1, 17, 18), move(3, 19), scan(-9, 20, 21),
                  out(0, 22), in(1, 23)});
}

// Known values (known_values.h) and a peeled loop (peeled_loops.h): an add to a cell just set, a
// MulAdd onto known targets (two forms) and with a known counter (non-zero, zero), loop tests
// decided at compile time (skip, enter, leave), a scan from a known zero, and a loop whose
// iterations leave its target known to hold zero.
Program known_values() {
  return program({set(2, 1, 0), add(3, 1, 1), in(0, 2), set(0, 4, 3), set(5, 5, 4),
                  mul_add(1, 4, 0, 5, 6), mul_add(3, 5, 0, 7, 6), mul_add(2, 2, 1, 8, 9),
                  set(0, 0, 10), mul_add(1, 3, 0, 11, 12), begin(13), add(1, 0, 14), end(15),
                  scan(1, 16, 17), set(1, 0, 18), begin(19), set(0, 0, 20), end(21), move(9, 22),
                  begin(23), mul_add(1, -8, 1, 24, 23), set(0, 1, 25), move(9, 26), end(27)});
}

class JitShape : public EngineTest {};

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
5: jae @110
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
16: add rbx, 3
-- op 8
17: cmp byte ptr [rbx], 0
18: je @22
-- op 9
19: add rbx, 1
-- op 10
20: cmp byte ptr [rbx], 0
21: jne @19
-- op 11
22: add rbx, 1
-- op 12
23: movzx ecx, byte ptr [rbx]
24: lea rax, [rbx + 0x12c]
25: cmp rax, r14
26: jae @119
27: add byte ptr [rbx + 1], cl
-- op 13
28: sub byte ptr [rbx + 2], cl
-- op 14
29: imul eax, ecx, 3
30: add byte ptr [rbx + 0x12c], al
-- op 15
31: mov byte ptr [rbx], 0
-- op 16
32: add rbx, 1
-- op 17
33: cmp byte ptr [rbx], 0
34: je @73
35: cmp byte ptr [rbx + 1], 0
36: je @66
37: cmp byte ptr [rbx + 2], 0
38: je @64
39: cmp byte ptr [rbx + 3], 0
40: je @62
41: add rbx, 4
42: cmp byte ptr [rbx], 0
43: je @73
44: cmp byte ptr [rbx + 1], 0
45: je @72
46: cmp byte ptr [rbx + 2], 0
47: je @70
48: cmp byte ptr [rbx + 3], 0
49: je @68
50: add rbx, 4
51: cmp byte ptr [rbx], 0
52: je @73
53: lea rdi, [rbx + 1]
54: mov rsi, r13
55: mov rdx, r14
56: mov ecx, 1
57: movabs rax, zero_scan
58: call rax
59: mov rbx, rax
60: cmp byte ptr [rbx], 0
61: jmp @73
62: add rbx, 3
63: jmp @73
64: add rbx, 2
65: jmp @73
66: add rbx, 1
67: jmp @73
68: add rbx, 3
69: jmp @73
70: add rbx, 2
71: jmp @73
72: add rbx, 1
-- op 18
73: add rbx, 3
-- op 19
74: cmp byte ptr [rbx], 0
75: je @91
76: cmp byte ptr [rbx - 9], 0
77: je @90
78: cmp byte ptr [rbx - 0x12], 0
79: je @88
80: cmp byte ptr [rbx - 0x1b], 0
81: je @86
82: add rbx, -0x24
83: cmp byte ptr [rbx], 0
84: jne @76
85: jmp @91
86: add rbx, -0x1b
87: jmp @91
88: add rbx, -0x12
89: jmp @91
90: add rbx, -9
-- op 20
91: movzx eax, byte ptr [rbx]
92: mov rcx, qword ptr [r12]
93: mov rdx, qword ptr [r12 + 8]
94: mov byte ptr [rcx + rdx], al
95: add rdx, 1
96: mov qword ptr [r12 + 8], rdx
97: cmp rdx, qword ptr [r12 + 0x10]
98: jne @102
99: mov rdi, r12
100: movabs rax, bf_flush_output
101: call rax
-- op 21
102: movzx esi, byte ptr [rbx + 1]
103: mov rdi, r12
104: movabs rax, bf_read_input
105: call rax
106: mov byte ptr [rbx + 1], al
107: mov eax, 0
108: mov eax, 2
109: jmp @epilogue
110: movzx r8d, byte ptr [rbx]
111: test r8b, r8b
112: je @118
113: add r8b, 0xff
114: mov byte ptr [rbx], r8b
115: add byte ptr [rbx + 4], 2
116: test r8b, r8b
117: jne @113
118: jmp @16
119: test ecx, ecx
120: je @31
121: jmp @27
)";
  EXPECT_EQ(body_text(compiled_listing(engine(), every_op(), false)), expected);
}

TEST_P(JitShape, KnownValuesHaveTheDocumentedCode) {
  const std::string expected = R"(-- op 0
0: mov byte ptr [rbx + 1], 2
-- op 1
1: mov byte ptr [rbx + 1], 5
-- op 2
2: movzx esi, byte ptr [rbx]
3: mov rdi, r12
4: movabs rax, bf_read_input
5: call rax
6: mov byte ptr [rbx], al
-- op 3
7: mov byte ptr [rbx + 4], 0
-- op 4
8: mov byte ptr [rbx + 5], 5
-- op 5
9: movzx ecx, byte ptr [rbx]
10: mov byte ptr [rbx + 4], cl
-- op 6
11: imul eax, ecx, 3
12: add al, 5
13: mov byte ptr [rbx + 5], al
-- op 7
14: add byte ptr [rbx + 2], 0xa
-- op 8
15: mov byte ptr [rbx], 0
-- op 9
-- op 10
16: jmp @19
-- op 11
17: add byte ptr [rbx], 1
-- op 12
18: jne @17
-- op 13
-- op 14
19: mov byte ptr [rbx], 1
-- op 15
-- op 16
20: mov byte ptr [rbx], 0
-- op 17
-- op 18
21: add rbx, 9
-- op 19
22: cmp byte ptr [rbx], 0
23: je @36
24: movzx ecx, byte ptr [rbx + 1]
25: add byte ptr [rbx - 8], cl
26: mov byte ptr [rbx + 1], 0
27: add rbx, 9
28: cmp byte ptr [rbx], 0
29: je @36
-- op 20
30: movzx ecx, byte ptr [rbx + 1]
31: mov byte ptr [rbx - 8], cl
-- op 21
32: mov byte ptr [rbx + 1], 0
-- op 22
33: add rbx, 9
-- op 23
34: cmp byte ptr [rbx], 0
35: jne @30
36: mov eax, 0
37: mov eax, 2
38: jmp @epilogue
)";
  EXPECT_EQ(body_text(compiled_listing(engine(), known_values(), false)), expected);
}

// Programs that between them reach every decision lowering makes.
std::vector<std::pair<std::string, Program>> shape_programs() {
  std::vector<std::pair<std::string, Program>> programs{{"every_op", every_op()},
                                                       {"known_values", known_values()}};
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
  BF_REQUIRE_ENGINE(reference, "handjit");
  for (const auto& [name, program] : shape_programs()) {
    for (bool count_steps : {false, true}) {
      SCOPED_TRACE(name + (count_steps ? " counting steps" : ""));
      const CodeListing want = compiled_listing(reference, program, count_steps);
      const CodeListing got = compiled_listing(engine(), program, count_steps);
      EXPECT_EQ(body_text(got), body_text(want));
    }
  }
}

BF_INSTANTIATE_JIT_TEST(JitShape);

}  // namespace
}  // namespace bf::testing
