#include "engines/jit/perf_map.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>

#include "core/engine.h"
#include "core/ir_printer.h"

namespace bf::jit {

namespace {

void line(uint64_t start, uint64_t size, const std::string& name, std::string& out) {
  if (size == 0) return;
  char head[48];
  std::snprintf(head, sizeof head, "%llx %llx ", static_cast<unsigned long long>(start),
                static_cast<unsigned long long>(size));
  out += head + name + "\n";
}

}  // namespace

std::string perf_map_lines(std::string_view engine, const Program& program,
                           const std::vector<uint32_t>& op_offsets, uint64_t address,
                           uint64_t size) {
  std::map<uint32_t, std::vector<size_t>> ops_at;  // code offset -> the ops starting there
  for (size_t i = 0; i < op_offsets.size(); ++i) ops_at[op_offsets[i]].push_back(i);
  const std::string prefix = "bf " + std::string(engine) + " ";
  std::string out;
  const uint64_t first = ops_at.empty() ? size : ops_at.begin()->first;
  line(address, first, prefix + "entry", out);
  for (auto at = ops_at.begin(); at != ops_at.end(); ++at) {
    const auto next = std::next(at);
    const uint64_t end = next == ops_at.end() ? size : next->first;
    std::string name = prefix;
    for (const size_t i : at->second) {
      const Op& op = program.ops[i];
      if (name.size() > prefix.size()) name += "; ";
      name +=
          "op " + std::to_string(i) + " " + describe_op(op) + " @byte " + std::to_string(op.src);
    }
    line(address + at->first, std::min<uint64_t>(end, size) - at->first, name, out);
  }
  return out;
}

std::string perf_map_path() { return "/tmp/perf-" + std::to_string(::getpid()) + ".map"; }

void append_perf_map(std::string_view engine, const Program& program,
                     const std::vector<uint32_t>& op_offsets, uint64_t address, uint64_t size) {
  const std::string path = perf_map_path();
  std::ofstream map(path, std::ios::app);
  map << perf_map_lines(engine, program, op_offsets, address, size);
  map.close();
  if (!map) throw CompileError(std::string(engine) + ": cannot write the perf map " + path);
}

}  // namespace bf::jit
