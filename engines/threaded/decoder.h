// Decoder: Program -> the stream the dispatch loop runs (handler per op or fused run of ops,
// operands inline, loop targets resolved to stream positions).
#pragma once

#include <optional>
#include <vector>

#include "core/program.h"
#include "engines/threaded/instruction.h"

namespace bf::threaded {

struct DecodedProgram {
  // Instructions with their `handler` still null: addresses exist only once linked against a
  // dispatch loop (the step-counting variant and the plain one have different labels).
  std::vector<Inst> code;
  // Per slot of `code`: the handler it runs, or nullopt for an operand slot (the write slots of a
  // kWrites, the targets of a kMulAdd).
  std::vector<std::optional<Handler>> handlers;
  // Per slot of `code`: the source bytes a trap there reports.
  std::vector<Sources> sources;
};

struct DecodeOptions {
  // The stream will run in the step-counting variant: every loop test must stay, because each
  // one counts. Without counting, a kLoopEnd right after another kLoopEnd or a kScan is dropped:
  // it tests the very cell its predecessor just found zero (and on the tape), so it can only
  // fall through -- in the nests of "if"-shaped loops some programs are built from, most tests
  // are of this kind.
  bool count_steps = false;
};

// Expects a program that passes verify(). Fuses only runs of ops that no jump enters in the
// middle, so every loop target is the start of an instruction.
DecodedProgram decode(const Program& program, const DecodeOptions& options = {});
// decode() of a program the caller gives up: its ops' memory is given back as they are decoded,
// so the stream and the whole program are never held at once.
DecodedProgram decode_consuming(Program program, const DecodeOptions& options = {});

}  // namespace bf::threaded
