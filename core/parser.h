// Parser: source bytes -> O0 program, one op per command; iterative, so nesting depth is unbounded.
#pragma once

#include <cstdint>
#include <string>

#include "core/program.h"
#include "core/source.h"

namespace bf {

struct ParseError {
  uint32_t byte = 0;    // position of the unmatched bracket (or the first byte beyond the limit)
  std::string message;  // e.g. "unmatched '['"
};

struct ParseOptions {
  // Fold runs as they are read: the result is exactly fold-runs of the O0 program (the first pass
  // of every level above O0), without ever holding the O0 program -- one op per command.
  bool fold_runs = false;
};

// Throws ParseError for an unmatched '[' (the innermost one left open) or ']' (the first one
// that closes nothing), and for a source longer than kMaxSourceBytes (256 MiB, core/op.h: an op
// names its source byte in 28 bits). Every byte other than the eight commands is a comment.
//
// Memory: the ops vector is sized once, from a first count of the commands, and the source's
// pages are released behind the parser (Source::release_before), so a large file costs its ops
// and no more.
Program parse(const Source& source, const ParseOptions& options = {});

}  // namespace bf
