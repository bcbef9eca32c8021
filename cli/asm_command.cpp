#include "cli/asm_command.h"

#include <algorithm>
#include <boost/program_options.hpp>
#include <cstdio>
#include <iostream>
#include <optional>
#include <span>
#include <stdexcept>
#include <string_view>

#include "cli/boost_options.h"
#include "cli/cli_common.h"
#include "cli/suggest.h"
#include "cli/disassembler.h"
#include "cli/exit_codes.h"
#include "core/ir_printer.h"
#include "core/passes/pipeline.h"
#include "engines/builtin_engines.h"

namespace po = boost::program_options;

namespace bf::cli {

namespace {

// One listing line: "  0x00007f0012345678  48 89 df                  mov rdi, rbx".
void line(uint64_t address, const uint8_t* bytes, size_t count, const std::string& text,
          std::string& out) {
  char head[32];
  std::snprintf(head, sizeof head, "  0x%016llx  ", static_cast<unsigned long long>(address));
  std::string hex;
  for (size_t i = 0; i < count; ++i) {
    char two[4];
    std::snprintf(two, sizeof two, "%02x ", bytes[i]);
    hex += two;
  }
  hex.resize(std::max<size_t>(hex.size(), 33), ' ');
  out += head + hex + text + "\n";
}

// One line per instruction of `bytes` (running at `address`). A byte Capstone cannot decode is
// shown as `.byte` and skipped, so the listing goes on.
void list(const Disassembler& disassembler, std::span<const uint8_t> bytes, uint64_t address,
          std::string& out) {
  size_t offset = 0;
  while (offset < bytes.size()) {
    const uint8_t* at = bytes.data() + offset;
    if (const std::optional<Instruction> instruction =
            disassembler.decode(bytes.subspan(offset), address + offset)) {
      line(address + offset, at, instruction->size, instruction->text, out);
      offset += instruction->size;
    } else {
      char byte[16];
      std::snprintf(byte, sizeof byte, ".byte 0x%02x", *at);
      line(address + offset, at, 1, byte, out);
      ++offset;
    }
  }
}

bool is_command(char byte) {
  return std::string_view("+-<>[].,").find(byte) != std::string_view::npos;
}

// The source bytes an op stands for: from its first command to the last command before the next
// op's first one (a folded run "+++" is three bytes; a scan "[>]" spans its loop).
std::string source_span(const Op& op, const Source& source, const std::vector<uint32_t>& starts) {
  const bool two =
      op.kind == OpKind::kScan || op.kind == OpKind::kMulAdd || op.kind == OpKind::kSeek;
  const uint32_t first = two ? std::min(op.src, op.src2) : op.src;
  const uint32_t last_own = two ? std::max(op.src, op.src2) : op.src;
  const auto next = std::upper_bound(starts.begin(), starts.end(), last_own);
  const std::string_view bytes = source.bytes();
  uint32_t last = next == starts.end() ? static_cast<uint32_t>(bytes.size()) : *next;
  while (last > last_own + 1 && (last > bytes.size() || !is_command(bytes[last - 1]))) --last;
  last = std::max(last, last_own + 1) - 1;  // inclusive
  const LineColumn a = source.line_column(first);
  const LineColumn b = source.line_column(last);
  std::string text = first == last ? "byte " + std::to_string(first)
                                   : "bytes " + std::to_string(first) + "-" + std::to_string(last);
  // Appended piece by piece: g++ 12 warns (-Wrestrict, wrongly) on "literal" + std::string here.
  text.append(" (").append(std::to_string(a.line)).append(":").append(std::to_string(a.column));
  if (last != first) {
    text.append("-").append(std::to_string(b.line)).append(":").append(std::to_string(b.column));
  }
  return text + ")";
}

// The names of the available engines whose executables carry machine code.
std::string engines_with_machine_code() {
  std::string names;
  for (const EngineInfo& info : builtin_engines().all()) {
    if (!info.available) continue;
    try {
      if (!info.make()->compile(Program{}, {})->machine_code()) continue;
    } catch (const CompileError&) {
      continue;
    }
    names += (names.empty() ? "" : ", ") + info.name;
  }
  return names.empty() ? "none in this build" : names;
}

UsageError no_machine_code(const std::string& engine) {
  return UsageError{"asm: engine '" + engine +
                    "' generates no machine code (engines with machine code: " +
                    engines_with_machine_code() + ")"};
}

}  // namespace

std::string format_asm(const Program& program, const Source& source, const MachineCode& code,
                       const std::string& title) {
  const std::vector<Op>& ops = program.ops;
  if (code.op_offsets.size() != ops.size()) {
    throw std::logic_error("machine code maps " + std::to_string(code.op_offsets.size()) +
                           " ops, the program has " + std::to_string(ops.size()));
  }
  std::vector<uint32_t> starts;  // every op's first source byte, for source_span()
  for (const Op& op : ops) {
    const bool two =
      op.kind == OpKind::kScan || op.kind == OpKind::kMulAdd || op.kind == OpKind::kSeek;
    starts.push_back(two ? std::min(op.src, op.src2) : op.src);
  }
  std::sort(starts.begin(), starts.end());
  std::vector<uint32_t> boundaries(code.op_offsets);  // where each op's code ends: the next start
  boundaries.push_back(static_cast<uint32_t>(code.bytes.size()));
  std::sort(boundaries.begin(), boundaries.end());

  const Disassembler disassembler;
  const auto list_code = [&](uint32_t from, uint32_t to, std::string& out) {
    to = std::min<uint32_t>(to, static_cast<uint32_t>(code.bytes.size()));
    if (from >= to) return;
    list(disassembler, code.bytes.subspan(from, to - from), code.address + from, out);
  };
  char address[32];
  std::snprintf(address, sizeof address, "0x%llx", static_cast<unsigned long long>(code.address));
  std::string out = "; " + title + ": " + std::to_string(code.bytes.size()) + " bytes of code at " +
                    address + ", " + std::to_string(ops.size()) + " ops\n";
  const uint32_t first_op = ops.empty()
                                ? static_cast<uint32_t>(code.bytes.size())
                                : *std::min_element(code.op_offsets.begin(), code.op_offsets.end());
  if (first_op > 0) {
    out += "; entry\n";
    list_code(0, first_op, out);
  }
  for (size_t i = 0; i < ops.size(); ++i) {
    const uint32_t from = code.op_offsets[i];
    out += "; op " + std::to_string(i) + "  " + describe_op(ops[i]) + "  " +
           source_span(ops[i], source, starts) + "\n";
    // Ops that start at the same address share the code listed under the last of them.
    if (i + 1 < ops.size() && code.op_offsets[i + 1] == from) continue;
    const auto next = std::upper_bound(boundaries.begin(), boundaries.end(), from);
    const uint32_t to = next == boundaries.end() ? from : *next;
    if (to == code.bytes.size() && i + 1 == ops.size()) {
      out += ";   (with everything after it: exit paths and out-of-line code)\n";
    }
    list_code(from, to, out);
  }
  return out;
}

int asm_command(int argc, char** argv) {
  po::options_description visible(
      "Usage: bfbench asm [options] FILE\n"
      "       bfbench asm [options] -e CODE\n\n"
      "Prints the machine code a JIT engine generates for the program, op by op: each op's line\n"
      "from `bfbench ir`, the source bytes it came from, and its instructions (Capstone, Intel\n"
      "syntax) at the addresses they run at.\n\n"
      "Options");
  visible.add_options()("help,h", "show this help")("code,e", po::value<std::string>(),
                                                    "use CODE instead of a file")(
      "engine", po::value<std::string>(), ("a JIT engine (default: " + default_engine().name + ", the fastest in this build)").c_str())(
      "level,O", po::value<std::string>()->default_value("O3"), "optimization level O0..O3")(
      "count-steps", "show the code compiled for --max-steps/--timeout (counts loop tests)");
  const po::variables_map vm = parse_with_program_file(argc, argv, visible, "asm");
  if (vm.count("help")) {
    std::cout << visible;
    return exit_code::kOk;
  }
  const std::string engine_name =
      vm.count("engine") ? vm["engine"].as<std::string>() : default_engine().name;
  const EngineRegistry& registry = builtin_engines();
  const EngineInfo* info = registry.find(engine_name);
  if (info == nullptr) {
    throw UsageError{"asm: unknown engine '" + engine_name + "'" +
                     did_you_mean(engine_name, split_lists({engines_with_machine_code()})) +
                     " (engines with machine code: " + engines_with_machine_code() + ")"};
  }
  if (!info->available) {
    throw UsageError{"asm: engine '" + engine_name +
                     "' is unavailable in this build: " + info->unavailable_reason +
                     " (engines with machine code: " + engines_with_machine_code() + ")"};
  }
  const int level = parse_level(vm["level"].as<std::string>());
  std::optional<std::string> file, code;
  if (vm.count("file")) file = vm["file"].as<std::string>();
  if (vm.count("code")) code = vm["code"].as<std::string>();
  const Source source = load_source(file, code);
  const Program program = optimize(parse_or_fail(source), level);

  CompileOptions options;
  options.count_steps = vm.count("count-steps") > 0;
  std::unique_ptr<Executable> executable;
  try {
    executable = info->make()->compile(program, options);
  } catch (const CompileError& error) {
    throw CommandError{exit_code::kRuntimeTrap, engine_name + ": cannot compile: " + error.what()};
  }
  const std::optional<MachineCode> machine = executable->machine_code();
  if (!machine) throw no_machine_code(engine_name);
  std::cout << format_asm(program, source, *machine,
                          engine_name + " -O" + std::to_string(level) + " " + source.name());
  std::cout.flush();
  if (!std::cout) {
    std::cerr << "bfbench: cannot write output\n";
    return exit_code::kOutputError;
  }
  return exit_code::kOk;
}

}  // namespace bf::cli
