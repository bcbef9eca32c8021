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

// A guarded run (guarded_runs.h), long.b's inner if-body: p[5] += 3 and p[6] += p[5] * 5 are
// dead (sets follow), so the net form has neither; cells 0 and 5 come from the input (values not
// known, cells known on the tape), so cells -1 and 6 are range checked.
Program guarded_run() {
  return program({in(5, 0), in(0, 1), mul_add(3, -1, 0, 2, 3), add(3, 5, 4), mul_add(5, 6, 5, 5, 6),
                  set(0, 5, 7), set(0, 6, 8), set(0, 0, 9)});
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
5: jae @116
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
26: jae @125
27: movzx edx, byte ptr [rbx + 1]
28: add dl, cl
29: mov byte ptr [rbx + 1], dl
-- op 13
30: movzx edx, byte ptr [rbx + 2]
31: sub dl, cl
32: mov byte ptr [rbx + 2], dl
-- op 14
33: lea rax, [rcx + rcx*2]
34: movzx edx, byte ptr [rbx + 0x12c]
35: add dl, al
36: mov byte ptr [rbx + 0x12c], dl
-- op 15
37: mov byte ptr [rbx], 0
-- op 16
38: add rbx, 1
-- op 17
39: cmp byte ptr [rbx], 0
40: je @79
41: cmp byte ptr [rbx + 1], 0
42: je @72
43: cmp byte ptr [rbx + 2], 0
44: je @70
45: cmp byte ptr [rbx + 3], 0
46: je @68
47: add rbx, 4
48: cmp byte ptr [rbx], 0
49: je @79
50: cmp byte ptr [rbx + 1], 0
51: je @78
52: cmp byte ptr [rbx + 2], 0
53: je @76
54: cmp byte ptr [rbx + 3], 0
55: je @74
56: add rbx, 4
57: cmp byte ptr [rbx], 0
58: je @79
59: lea rdi, [rbx + 1]
60: mov rsi, r13
61: mov rdx, r14
62: mov ecx, 1
63: movabs rax, zero_scan
64: call rax
65: mov rbx, rax
66: cmp byte ptr [rbx], 0
67: jmp @79
68: add rbx, 3
69: jmp @79
70: add rbx, 2
71: jmp @79
72: add rbx, 1
73: jmp @79
74: add rbx, 3
75: jmp @79
76: add rbx, 2
77: jmp @79
78: add rbx, 1
-- op 18
79: add rbx, 3
-- op 19
80: cmp byte ptr [rbx], 0
81: je @97
82: cmp byte ptr [rbx - 9], 0
83: je @96
84: cmp byte ptr [rbx - 0x12], 0
85: je @94
86: cmp byte ptr [rbx - 0x1b], 0
87: je @92
88: add rbx, -0x24
89: cmp byte ptr [rbx], 0
90: jne @82
91: jmp @97
92: add rbx, -0x1b
93: jmp @97
94: add rbx, -0x12
95: jmp @97
96: add rbx, -9
-- op 20
97: movzx eax, byte ptr [rbx]
98: mov rcx, qword ptr [r12]
99: mov rdx, qword ptr [r12 + 8]
100: mov byte ptr [rcx + rdx], al
101: add rdx, 1
102: mov qword ptr [r12 + 8], rdx
103: cmp rdx, qword ptr [r12 + 0x10]
104: jne @108
105: mov rdi, r12
106: movabs rax, bf_flush_output
107: call rax
-- op 21
108: movzx esi, byte ptr [rbx + 1]
109: mov rdi, r12
110: movabs rax, bf_read_input
111: call rax
112: mov byte ptr [rbx + 1], al
113: mov eax, 0
114: mov eax, 2
115: jmp @epilogue
116: movzx r8d, byte ptr [rbx]
117: test r8b, r8b
118: je @124
119: add r8b, 0xff
120: mov byte ptr [rbx], r8b
121: add byte ptr [rbx + 4], 2
122: test r8b, r8b
123: jne @119
124: jmp @16
125: test ecx, ecx
126: je @37
127: jmp @27
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
23: je @38
24: movzx ecx, byte ptr [rbx + 1]
25: movzx edx, byte ptr [rbx - 8]
26: add dl, cl
27: mov byte ptr [rbx - 8], dl
28: mov byte ptr [rbx + 1], 0
29: add rbx, 9
30: cmp byte ptr [rbx], 0
31: je @38
-- op 20
32: movzx ecx, byte ptr [rbx + 1]
33: mov byte ptr [rbx - 8], cl
-- op 21
34: mov byte ptr [rbx + 1], 0
-- op 22
35: add rbx, 9
-- op 23
36: cmp byte ptr [rbx], 0
37: jne @32
38: mov eax, 0
39: mov eax, 2
40: jmp @epilogue
)";
  EXPECT_EQ(body_text(compiled_listing(engine(), known_values(), false)), expected);
}

TEST_P(JitShape, GuardedRunsHaveTheDocumentedCode) {
  const std::string expected = R"(-- op 0
0: movzx esi, byte ptr [rbx + 5]
1: mov rdi, r12
2: movabs rax, bf_read_input
3: call rax
4: mov byte ptr [rbx + 5], al
-- op 1
5: movzx esi, byte ptr [rbx]
6: mov rdi, r12
7: movabs rax, bf_read_input
8: call rax
9: mov byte ptr [rbx], al
-- op 2
-- op 3
-- op 4
-- op 5
-- op 6
-- op 7
10: lea rax, [rbx + 6]
11: cmp rax, r14
12: jae @27
13: lea rax, [rbx - 1]
14: cmp rax, r13
15: jb @27
16: movzx ecx, byte ptr [rbx]
17: lea rax, [rcx + rcx*2]
18: movzx edx, byte ptr [rbx - 1]
19: add dl, al
20: mov byte ptr [rbx - 1], dl
21: mov byte ptr [rbx + 5], 0
22: mov byte ptr [rbx + 6], 0
23: mov byte ptr [rbx], 0
24: mov eax, 0
25: mov eax, 2
26: jmp @epilogue
27: movzx ecx, byte ptr [rbx]
28: lea rax, [rbx - 1]
29: cmp rax, r13
30: jb @50
31: lea rax, [rcx + rcx*2]
32: movzx edx, byte ptr [rbx - 1]
33: add dl, al
34: mov byte ptr [rbx - 1], dl
35: movzx r8d, byte ptr [rbx + 5]
36: add r8b, 3
37: mov byte ptr [rbx + 5], r8b
38: mov ecx, r8d
39: lea rax, [rbx + 6]
40: cmp rax, r14
41: jae @53
42: lea rax, [rcx + rcx*4]
43: movzx edx, byte ptr [rbx + 6]
44: add dl, al
45: mov byte ptr [rbx + 6], dl
46: mov byte ptr [rbx + 5], 0
47: mov byte ptr [rbx + 6], 0
48: mov byte ptr [rbx], 0
49: jmp @24
50: test ecx, ecx
51: je @35
52: jmp @31
53: test ecx, ecx
54: je @46
55: jmp @42
)";
  EXPECT_EQ(body_text(compiled_listing(engine(), guarded_run(), false)), expected);
}

// Programs that between them reach every decision lowering makes.
std::vector<std::pair<std::string, Program>> shape_programs() {
  std::vector<std::pair<std::string, Program>> programs{{"every_op", every_op()},
                                                       {"known_values", known_values()},
                                                       {"guarded_run", guarded_run()}};
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
