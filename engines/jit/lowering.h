// Lowering: walks an optimized Program and drives a CodeShape (code_shape.h), making every decision the three JITs
// share -- instruction sequences per op, MulAdd grouping, explicit bounds checks, step counting,
// exit stubs -- and recording the tables that map code back to ops and source bytes.
#pragma once

#include <cstdint>
#include <vector>

#include "core/engine.h"
#include "engines/jit/access_map.h"
#include "engines/jit/assembler.h"

namespace bf::jit {

// What the C++ side needs to know about the code lowering produced.
struct CodeLayout {
  std::vector<uint32_t> op_offsets;  // op i's code starts here (MachineCode::op_offsets); or empty
  AccessMap accesses;                // code offset -> source byte of each tape access
  uint32_t trap_exit_offset = 0;     // where the signal handler resumes after a guard fault
  uint32_t explicit_checks = 0;      // accesses the guards could not cover (0 on normal programs)
};

// What the caller of lower() needs beyond the code.
struct LowerOptions {
  // Record op_offsets. They map code back to ops for `bfbench asm` and the perf map; a run needs
  // none of them, and they cost 4 bytes per op for as long as the code lives.
  bool record_op_offsets = true;
  // The caller gives the program up (Engine::compile_owned): the pages of the ops already lowered
  // are released as the walk passes them (release_pages), so the code never sits beside the whole
  // program. The ops of a fixed region with a plain copy stay until it is lowered, at the end.
  bool consume_program = false;
};

// Emits the whole function (entry at offset 0) for `program` through `assembler`.
CodeLayout lower(const Program& program, const CompileOptions& options, Assembler& assembler,
                 const LowerOptions& lower_options = {});

}  // namespace bf::jit
