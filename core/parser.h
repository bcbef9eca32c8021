// Parser: source bytes -> O0 program, one op per command; iterative, so nesting depth is unbounded.
#pragma once

#include <cstdint>
#include <string>

#include "core/program.h"
#include "core/source.h"

namespace bf {

struct ParseError {
  uint32_t byte = 0;    // position of the unmatched bracket
  std::string message;  // e.g. "unmatched '['"
};

// Throws ParseError for an unmatched '[' (the innermost one left open) or ']' (the first one
// that closes nothing). Every byte other than the eight commands is a comment.
Program parse(const Source& source);

}  // namespace bf
