// `bfbench asm`: a JIT's generated machine code as assembly, op by op, each op headed by the
// source bytes it came from; disassembled with Capstone so every JIT is shown the same way.
#pragma once

#include <string>

#include "core/engine.h"
#include "core/program.h"
#include "core/source.h"

namespace bf::cli {

int asm_command(int argc, char** argv);

// The listing: a title line, the code before op 0, then for each op a header (index, the op as
// `bfbench ir` describes it, its source bytes and line:col) and the Capstone disassembly (Intel
// syntax) of its bytes at their run-time addresses. Ops that share an address (no code of their
// own) get headers only. `title` names what is shown ("handjit -O3 prog.b").
std::string format_asm(const Program& program, const Source& source, const MachineCode& code,
                       const std::string& title);

}  // namespace bf::cli
