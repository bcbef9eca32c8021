#include "tests/jit/code_listing.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>

#include "cli/disassembler.h"
#include "core/runtime/run_state.h"
#include "core/runtime/zero_scan.h"

namespace bf::testing {

namespace {

std::string hex(uint64_t value) {
  char text[32];
  std::snprintf(text, sizeof text, "0x%llx", static_cast<unsigned long long>(value));
  return text;
}

// What `movabs rax, <address>` loads, by name.
const std::map<std::string, std::string>& runtime_names() {
  static const std::map<std::string, std::string> names = [] {
    std::map<std::string, std::string> known{
        {hex(reinterpret_cast<uint64_t>(&bf_flush_output)), "bf_flush_output"},
        {hex(reinterpret_cast<uint64_t>(&bf_read_input)), "bf_read_input"},
    };
    // One name for every zero scan: the listing is the same whichever ISA the CPU chose (the
    // stride is the `mov ecx` before the call).
    for (int32_t stride = -kVectorScanStrides - 1; stride <= kVectorScanStrides + 1; ++stride) {
      if (stride == 0) continue;
      for (ScanIsa isa : {ScanIsa::kScalar, ScanIsa::kSse2, ScanIsa::kAvx2}) {
        if (!scan_isa_available(isa)) continue;
        known[hex(reinterpret_cast<uint64_t>(zero_scan_for(stride, isa)))] = "zero_scan";
      }
    }
    return known;
  }();
  return names;
}

}  // namespace

CodeListing listing_of(const MachineCode& code) {
  const std::vector<Instruction> instructions =
      Disassembler().disassemble(code.bytes, code.address);
  std::map<uint64_t, size_t> index_at;
  for (size_t i = 0; i < instructions.size(); ++i) index_at[instructions[i].address] = i;
  CodeListing listing;
  for (const Instruction& instruction : instructions) {
    std::string line = instruction.text;
    if (instruction.is_jump) {
      const auto target = index_at.find(instruction.jump_target);
      line = line.substr(0, line.find(' ')) + " @" +
             (target != index_at.end() ? std::to_string(target->second) : "?");
    }
    const size_t comma = line.rfind(", 0x");
    if (comma != std::string::npos) {
      const auto name = runtime_names().find(line.substr(comma + 2));
      if (name != runtime_names().end()) line = line.substr(0, comma + 2) + name->second;
    }
    listing.lines.push_back(line);
  }
  for (uint32_t offset : code.op_offsets) {
    const auto at = index_at.find(code.address + offset);
    listing.op_starts.push_back(at != index_at.end() ? at->second : SIZE_MAX);
  }
  return listing;
}

std::string listing_text(const CodeListing& listing) {
  std::string text;
  size_t op = 0;
  for (size_t i = 0; i < listing.lines.size(); ++i) {
    while (op < listing.op_starts.size() && listing.op_starts[op] == i) {
      text += "-- op " + std::to_string(op++) + "\n";
    }
    text += std::to_string(i) + ": " + listing.lines[i] + "\n";
  }
  return text;
}

std::string body_text(const CodeListing& listing) {
  const std::vector<std::string>& lines = listing.lines;
  size_t begin = 0;
  while (begin < lines.size() && lines[begin].rfind("push", 0) == 0) ++begin;
  if (!listing.op_starts.empty() && listing.op_starts[0] != SIZE_MAX) begin = listing.op_starts[0];
  size_t last_op = begin;
  for (size_t start : listing.op_starts) {
    if (start != SIZE_MAX) last_op = std::max(last_op, start);
  }
  size_t finished = last_op;
  while (finished < lines.size() && lines[finished] != "mov eax, 0") ++finished;
  size_t ret = finished;
  while (ret < lines.size() && lines[ret] != "ret") ++ret;
  // Kept: [begin, finished] and (ret, end); renumbered in that order.
  std::map<size_t, size_t> renumbered;
  size_t next = 0;
  for (size_t i = begin; i <= finished && i < lines.size(); ++i) renumbered[i] = next++;
  for (size_t i = ret + 1; i < lines.size(); ++i) renumbered[i] = next++;
  std::string text;
  size_t op = 0;
  for (const auto& [index, number] : renumbered) {
    while (op < listing.op_starts.size() && listing.op_starts[op] == index) {
      text += "-- op " + std::to_string(op++) + "\n";
    }
    std::string line = lines[index];
    const size_t at = line.find(" @");
    if (at != std::string::npos && line[at + 2] != '?') {
      const size_t target = std::stoul(line.substr(at + 2));
      const auto kept = renumbered.find(target);
      line = line.substr(0, at) + (kept != renumbered.end() ? " @" + std::to_string(kept->second)
                                   : target > finished && target <= ret ? " @epilogue"
                                                                        : " @outside");
    }
    text += std::to_string(number) + ": " + line + "\n";
  }
  return text;
}

CodeListing compiled_listing(const EngineInfo& engine, const Program& program, bool count_steps) {
  CompileOptions options;
  options.count_steps = count_steps;
  const std::unique_ptr<Executable> executable = engine.make()->compile(program, options);
  const std::optional<MachineCode> code = executable->machine_code();
  if (!code) throw std::logic_error(engine.name + " gives no machine code");
  return listing_of(*code);
}

}  // namespace bf::testing
