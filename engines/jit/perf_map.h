// Perf map: `perf report` names JIT code through /tmp/perf-PID.map, one "START SIZE name" line
// (hex) per symbol. We write one line per op's code range, named by engine, op and source byte,
// so a profile of generated code reads "bf handjit op 12 add p[0] += 3 @byte 57".
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/program.h"

namespace bf::jit {

// The lines for code of `size` bytes at `address` whose op i starts at op_offsets[i]: the code
// before the first op is "entry"; ops that share an address share one line, named after all of
// them; the last range runs to the end of the code (its exit paths and out-of-line code).
std::string perf_map_lines(std::string_view engine, const Program& program,
                           const std::vector<uint32_t>& op_offsets, uint64_t address,
                           uint64_t size);

// /tmp/perf-PID.map, for this process.
std::string perf_map_path();

// Appends perf_map_lines() to perf_map_path() (each compile adds its code; perf reads the last
// symbol for an address). Throws CompileError when the file cannot be written.
void append_perf_map(std::string_view engine, const Program& program,
                     const std::vector<uint32_t>& op_offsets, uint64_t address, uint64_t size);

}  // namespace bf::jit
