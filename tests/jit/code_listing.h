// A JIT's machine code as a list of instruction texts that can be compared across engines and with
// expectations: jump targets become instruction numbers ("je @7") and the addresses of the runtime
// functions become their names ("movabs rax, bf_read_input").
#pragma once

#include <string>
#include <vector>

#include "core/engine.h"
#include "core/engine_registry.h"

namespace bf::testing {

struct CodeListing {
  std::vector<std::string> lines;
  std::vector<size_t> op_starts;  // index of the first instruction of each op
};

CodeListing listing_of(const MachineCode& code);

// `program` compiled by `engine` (step counting as asked), listed.
CodeListing compiled_listing(const EngineInfo& engine, const Program& program, bool count_steps);

// The whole listing, ops marked: "-- op 3" lines before each op's first instruction.
std::string listing_text(const CodeListing& listing);

// The listing without the function frame -- what comes before op 0 (prologue) and the epilogue
// (after the body's `mov eax, 0`, up to `ret`) -- which a library may produce its own way (AsmJit's
// FuncFrame). Instruction numbers restart at the first body instruction; jumps into the epilogue
// read "@epilogue".
std::string body_text(const CodeListing& listing);

}  // namespace bf::testing
