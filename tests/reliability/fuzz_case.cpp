// Fuzz input bytes <-> FuzzCase (layout in fuzz_case.h).
#include "tests/reliability/fuzz_case.h"

#include <algorithm>

namespace bf::testing {

namespace {

constexpr uint64_t kTapeChoices[] = {4096, 8192, 65536, uint64_t{1} << 20};
constexpr int kTinyStepLimits = 128;  // byte 1 below this: limit = byte + 1
constexpr int kLargeStepShift = 10;   // byte 1 from 128: limit = 2^(10 + (byte & 7))
constexpr char kCommentByte = '#';    // what an unmatched ']' becomes

uint8_t byte_at(std::span<const uint8_t> data, size_t i) { return i < data.size() ? data[i] : 0; }

// Turns unmatched ']' into comments and closes what is left open, keeping every other byte where
// it was (so source positions in a reproducer are the fuzz input's own, shifted by the header).
std::string balance(std::string code) {
  size_t open = 0;
  for (char& c : code) {
    if (c == '[') {
      ++open;
    } else if (c == ']') {
      if (open == 0) {
        c = kCommentByte;
      } else {
        --open;
      }
    }
  }
  code.append(open, ']');
  return code;
}

}  // namespace

FuzzCase decode_fuzz_case(std::span<const uint8_t> data) {
  FuzzCase result;
  const uint8_t settings = byte_at(data, 0);
  switch (settings & 3) {
    case 1: result.eof = EofPolicy::kZero; break;
    case 2: result.eof = EofPolicy::kMax; break;
    default: result.eof = EofPolicy::kKeep; break;
  }
  result.tape_cells = kTapeChoices[(settings >> 2) & 3];
  const uint8_t steps = byte_at(data, 1);
  result.max_steps = steps < kTinyStepLimits ? uint64_t{steps} + 1
                                             : uint64_t{1} << (kLargeStepShift + (steps & 7));
  const size_t body = std::min<size_t>(data.size(), 3);
  const size_t input_length = std::min<size_t>(byte_at(data, 2), data.size() - body);
  result.input.assign(data.begin() + static_cast<std::ptrdiff_t>(body),
                      data.begin() + static_cast<std::ptrdiff_t>(body + input_length));
  result.raw_code.assign(data.begin() + static_cast<std::ptrdiff_t>(body + input_length), data.end());
  result.code = balance(result.raw_code);
  return result;
}

std::string encode_fuzz_case(const FuzzCase& fuzz_case) {
  uint8_t settings = 0;
  switch (fuzz_case.eof) {
    case EofPolicy::kKeep: settings = 0; break;
    case EofPolicy::kZero: settings = 1; break;
    case EofPolicy::kMax: settings = 2; break;
  }
  uint8_t tape = 3;
  for (uint8_t i = 0; i < 4; ++i) {
    if (kTapeChoices[i] >= fuzz_case.tape_cells) {
      tape = i;
      break;
    }
  }
  settings |= static_cast<uint8_t>(tape << 2);
  uint8_t steps = 0;
  if (fuzz_case.max_steps <= kTinyStepLimits) {
    steps = static_cast<uint8_t>(std::max<uint64_t>(fuzz_case.max_steps, 1) - 1);
  } else {
    int shift = 0;
    while (shift < 7 && (uint64_t{1} << (kLargeStepShift + shift)) < fuzz_case.max_steps) ++shift;
    steps = static_cast<uint8_t>(kTinyStepLimits + shift);
  }
  const std::string input = fuzz_case.input.substr(0, 255);
  std::string bytes;
  bytes += static_cast<char>(settings);
  bytes += static_cast<char>(steps);
  bytes += static_cast<char>(input.size());
  bytes += input;
  bytes += fuzz_case.code;
  return bytes;
}

bool brackets_balanced(const std::string& code) { return balance(code) == code; }

}  // namespace bf::testing
