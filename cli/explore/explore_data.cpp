#include "cli/explore/explore_data.h"

#include <algorithm>
#include <array>
#include <map>
#include <memory>

#include "cli/cli_common.h"
#include "cli/disassembler.h"
#include "cli/explore/json_writer.h"
#include "core/ir_printer.h"
#include "core/passes/pipeline.h"
#include "core/reference_interpreter.h"
#include "core/runtime/program_run.h"
#include "engines/builtin_engines.h"
#include "engines/threaded/decoder.h"

namespace bf::cli {

namespace {

using Clock = std::chrono::steady_clock;

// Ops seen at any stage, each once: a stage lists indices into this table, so an op that a pass
// keeps is the same entry before and after it, and the page finds what each pass created or
// removed by comparing indices. A loop's arg (its partner's index) shifts whenever ops before it
// go, so it is left out of an op's identity; the page recomputes partners from nesting.
class OpTable {
 public:
  uint32_t intern(Op op) {
    if (op.kind == OpKind::kLoopBegin || op.kind == OpKind::kLoopEnd) op.arg = 0;
    const std::array<int64_t, 6> key{
        static_cast<int64_t>(op.kind), op.arg, op.offset, op.from, op.src, op.src2};
    const auto [at, added] = index_.try_emplace(key, static_cast<uint32_t>(ops_.size()));
    if (added) ops_.push_back(op);
    return at->second;
  }
  std::vector<uint32_t> intern_all(const Program& program) {
    std::vector<uint32_t> ids;
    ids.reserve(program.ops.size());
    for (const Op& op : program.ops) ids.push_back(intern(op));
    return ids;
  }
  // [[kind, src, src2, "text"], ...]; a loop's text leaves its partner to the page ("-> 0").
  void write(JsonWriter& json) const {
    json.begin_array();
    for (const Op& op : ops_) {
      json.begin_array().number(static_cast<int>(op.kind)).unsigned_number(op.src);
      json.unsigned_number(op.src2).string(describe_op(op)).end_array();
    }
    json.end_array();
  }

 private:
  std::vector<Op> ops_;
  std::map<std::array<int64_t, 6>, uint32_t> index_;
};

void write_ids(JsonWriter& json, const std::vector<uint32_t>& ids) {
  json.begin_array();
  for (const uint32_t id : ids) json.unsigned_number(id);
  json.end_array();
}

// "stages": the parse, then one entry per pass of the level (also one that changed nothing).
void write_stages(JsonWriter& json, OpTable& table, const Program& parsed, int level,
                  Program& optimized) {
  json.key("stages").begin_array();
  json.begin_object().key("name").string("parse").key("ops");
  write_ids(json, table.intern_all(parsed));
  json.end_object();
  optimized = optimize(parsed, level, [&](const Pass& pass, const Program&, const Program& after) {
    json.begin_object().key("name").string(pass.name).key("description").string(pass.description);
    json.key("ops");
    write_ids(json, table.intern_all(after));
    json.end_object();
  });
  json.end_array();
}

// Runs the reference interpreter's counting mode through the usual harness.
class CountingRun final : public Executable {
 public:
  explicit CountingRun(const Program& program) : program_(program) {}
  RunResult run(Tape& tape, RunState& state) override {
    Profile counted = profile(program_.ops, tape, state);
    counts_ = std::move(counted.counts);
    return counted.result;
  }
  const std::vector<uint64_t>& counts() const { return counts_; }

 private:
  const Program& program_;
  std::vector<uint64_t> counts_;
};

void write_profile(JsonWriter& json, const Program& program, const ExploreSettings& settings) {
  StringSink output;
  BytesSource input(settings.input);
  ProgramRun run(
      output, input,
      {.eof = settings.eof, .max_steps = settings.max_steps, .time_limit = settings.time_limit});
  CountingRun counting(program);
  Tape tape;
  const auto start = Clock::now();
  const RunResult result = run.run(counting, tape);
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  json.key("profile").begin_object();
  json.key("end").string(describe_end(result));
  json.key("ok").boolean(result.ok());
  json.key("seconds").real(seconds);
  json.key("output_bytes").unsigned_number(output.data().size());
  json.key("output").string(output.data().substr(0, 4096));
  json.key("counts").begin_array();
  for (const uint64_t count : counting.counts()) json.unsigned_number(count);
  json.end_array().end_object();
}

// One code listing: [[offset, size, "text"], ...], decoded from each op's start (as `bfbench
// asm` does), so a byte Capstone cannot read costs one ".byte" line, not the rest of the op.
void write_instructions(JsonWriter& json, const MachineCode& code) {
  std::vector<uint32_t> starts(code.op_offsets);
  starts.push_back(0);
  starts.push_back(static_cast<uint32_t>(code.bytes.size()));
  std::sort(starts.begin(), starts.end());
  starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
  const Disassembler disassembler;
  json.begin_array();
  for (size_t s = 0; s + 1 < starts.size(); ++s) {
    for (uint32_t at = starts[s]; at < starts[s + 1];) {
      const auto bytes = code.bytes.subspan(at, starts[s + 1] - at);
      const std::optional<Instruction> decoded = disassembler.decode(bytes, code.address + at);
      const uint32_t size = decoded ? decoded->size : 1;
      json.begin_array().unsigned_number(at).unsigned_number(size);
      json.string(decoded ? decoded->text : ".byte").end_array();
      at += size;
    }
  }
  json.end_array();
}

// "engines": code size and compile time per engine; "jits": the machine code of those that have
// it. Compile time is the best of a few compiles (one for engines slower than a tenth of a second).
void write_engines(JsonWriter& json, const Program& program, const ExploreSettings& settings) {
  std::vector<const EngineInfo*> chosen;
  if (settings.engines.empty()) {
    for (const EngineInfo& info : builtin_engines().all()) {
      if (info.available) chosen.push_back(&info);
    }
  } else {
    for (const std::string& name : settings.engines) chosen.push_back(&find_engine(name));
  }
  JsonWriter jits;
  jits.begin_array();
  json.key("engines").begin_array();
  for (const EngineInfo* info : chosen) {
    json.begin_object().key("name").string(info->name);
    std::unique_ptr<Executable> executable;
    double best = 0;
    try {
      const std::unique_ptr<Engine> engine = info->make();
      for (int attempt = 0; attempt < 5 && (attempt == 0 || best < 0.1); ++attempt) {
        const auto start = Clock::now();
        executable = engine->compile(program, {});
        const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
        best = attempt == 0 ? seconds : std::min(best, seconds);
      }
    } catch (const CompileError& error) {
      json.key("error").string(error.what()).end_object();
      continue;
    }
    json.key("compile_ms")
        .real(best * 1e3)
        .key("code_bytes")
        .unsigned_number(executable->code_bytes());
    json.end_object();
    if (const std::optional<MachineCode> code = executable->machine_code()) {
      jits.begin_object().key("engine").string(info->name);
      jits.key("address").unsigned_number(code->address);
      jits.key("size").unsigned_number(code->bytes.size());
      jits.key("op_offsets");
      write_ids(jits, code->op_offsets);
      jits.key("ins");
      write_instructions(jits, *code);
      jits.end_object();
    }
  }
  json.end_array();
  jits.end_array();
  json.key("jits").json(jits);
}

// "threaded": the decoded stream, one row per slot: [handler ("" in an operand slot), offset, arg,
// from, move, jump, value, src, src2, test_src].
void write_threaded(JsonWriter& json, const Program& program) {
  const threaded::DecodedProgram decoded = threaded::decode(program);
  json.key("threaded").begin_array();
  for (size_t slot = 0; slot < decoded.code.size(); ++slot) {
    const threaded::Inst& inst = decoded.code[slot];
    const threaded::Sources& sources = decoded.sources[slot];
    json.begin_array();
    json.string(decoded.handlers[slot] ? threaded::handler_name(*decoded.handlers[slot]) : "");
    json.number(inst.offset).number(inst.arg).number(inst.from).number(inst.move);
    json.number(inst.jump).number(inst.value);
    json.unsigned_number(sources.src).unsigned_number(sources.src2);
    json.unsigned_number(sources.test_src).end_array();
  }
  json.end_array();
}

}  // namespace

std::string explore_json(const Source& source, const ExploreSettings& settings) {
  const Program parsed = parse_or_fail(source);
  JsonWriter json;
  json.begin_object();
  json.key("name").string(source.name()).key("level").number(settings.level);
  json.key("source").string(source.bytes());
  json.key("kinds").begin_array();
  for (int kind = 0; kind < kOpKindCount; ++kind) json.string(op_kind_name(OpKind(kind)));
  json.end_array();
  OpTable table;
  Program optimized;
  write_stages(json, table, parsed, settings.level, optimized);
  json.key("ops");
  table.write(json);
  write_profile(json, optimized, settings);
  write_engines(json, optimized, settings);
  write_threaded(json, optimized);
  json.end_object();
  return json.text();
}

}  // namespace bf::cli
