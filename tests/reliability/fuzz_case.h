// FuzzCase: how a fuzz input's bytes become a program, its input bytes and its run settings.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "core/runtime/io.h"

namespace bf::testing {

struct FuzzCase {
  std::string code;      // balanced: see decode_fuzz_case()
  std::string raw_code;  // the program text as the bytes gave it, before balancing
  std::string input;  // bytes `,` reads before the EOF policy applies
  EofPolicy eof = EofPolicy::kKeep;
  uint64_t tape_cells = 4096;
  uint64_t max_steps = 1;  // never 0: every case runs with a step limit, so none can hang
};

// The byte layout, chosen so that a mutating fuzzer mostly produces runnable cases:
//   byte 0   bits 0-1 EOF policy (0 keep, 1 zero, 2 max, 3 keep), bits 2-3 tape size
//            (4 Ki, 8 Ki, 64 Ki or 1 Mi cells), other bits ignored;
//   byte 1   step limit: below 128 a tiny one (value + 1, so limits fall mid-program), else
//            2^(10 + (value & 7)) loop tests (1 Ki .. 128 Ki);
//   byte 2   length n of the input bytes, which follow (fewer if the data ends first);
//   the rest the program text. Every byte that is not a command is a comment. An unmatched ']' is
//   turned into a comment byte and every '[' left open is closed at the end, so any text runs.
// Missing header bytes read as 0.
FuzzCase decode_fuzz_case(std::span<const uint8_t> data);

// The bytes decode_fuzz_case() turns back into `fuzz_case` (the step limit is rounded up to what
// the layout can say; the input is cut at 255 bytes). Seeds and generated cases are written so.
std::string encode_fuzz_case(const FuzzCase& fuzz_case);

// Whether `code` parses as it is, i.e. decode_fuzz_case() left its brackets alone.
bool brackets_balanced(const std::string& code);

}  // namespace bf::testing
