// The walk over the ops and the plain ops (lowerer.h lists the other units).
#include "engines/jit/lowering.h"

#include <string>
#include <utility>

#include "core/runtime/tape.h"
#include "engines/jit/lowerer.h"

namespace bf::jit {

namespace {

// How far ahead (in ops) the lowering looks for a second read of a cell it is about to load.
constexpr size_t kLookahead = 32;

}  // namespace

CodeLayout lower(const Program& program, const CompileOptions& options, Assembler& assembler,
                 const LowerOptions& lower_options) {
  return Lowerer(program, options, assembler, lower_options).run();
}

Lowerer::Lowerer(const Program& program, const CompileOptions& options, Assembler& assembler,
                 const LowerOptions& lower_options)
    : ops_(program.ops),
      record_op_offsets_(lower_options.record_op_offsets),
      consume_program_(lower_options.consume_program),
      consumed_(ops_.data()),
      count_steps_(options.count_steps),
      max_code_bytes_(options.max_code_bytes),
      emit_(assembler),
      facts_(static_cast<int64_t>(Tape::guard_bytes())),
      regions_(find_fixed_regions(program)),
      guarded_runs_(find_guarded_runs(program)),
      peeled_(find_peeled_loops(program)) {}

CodeLayout Lowerer::run() {
  if (record_op_offsets_) layout_.op_offsets.resize(ops_.size());
  layout_.accesses.reserve(ops_.size() + 1);
  epilogue_ = emit_.new_label();
  if (count_steps_) step_exit_ = emit_.new_label();

  emit_.prologue();
  for (size_t i = 0; i < ops_.size(); ++i) {
    i = lower_op(i, Copy::kMain);
    if (consume_program_) give_back_lowered(i);
    if (emit_.offset() > max_code_bytes_) {
      throw CompileError("generated code would exceed the limit of " +
                         std::to_string(max_code_bytes_) + " bytes (--max-code-size)");
    }
  }
  emit_.set_exit_code(kExitFinished);
  emit_.bind(epilogue_);
  emit_.epilogue();
  emit_out_of_line();
  return std::move(layout_);
}

// LowerOptions::consume_program, after the walk lowered ops up to `last`: the walk reads no op
// before the one it lowers (read_again() looks back at ops_[next - 1], the op being lowered), so
// the ops before `last` may go -- except a fixed region's, if it just got a plain copy.
void Lowerer::give_back_lowered(size_t last) {
  if (plain_copies_.size() > kept_regions_) {
    const FixedRegion& region = *plain_copies_.back().region;
    consumed_.keep(ops_.data() + region.begin, ops_.data() + region.end + 1);
    kept_regions_ = plain_copies_.size();
  } else {
    consumed_.done_before(ops_.data() + last);
  }
}

// Lowers ops_[i] (and, for a MulAdd group, a fixed region, a guarded run or a peeled loop, the
// ops after it); returns the last index consumed.
size_t Lowerer::lower_op(size_t i, Copy copy) {
  const Op& op = ops_[i];
  if (copy == Copy::kMain && in_run(op.kind)) {
    if (const GuardedRun* run = guarded_run_at(guarded_runs_, i)) return guarded_run(*run);
  }
  record(i, copy);
  // Flags describe cell[p] only right after an add to it; anything else emitted spoils them.
  const bool flags_hold_cell = facts_.flags_hold_cell;
  facts_.flags_hold_cell = false;
  switch (op.kind) {
    case OpKind::kAdd:
      if (const std::optional<uint8_t> value = value_of(op.offset)) {
        // The cell was accessed since its value became known: no trap, nothing to read.
        const uint8_t sum = low_byte(*value + op.arg);
        access(op.offset, op.src);
        emit_.set(op.offset, sum);
        facts_.values.set(op.offset, sum);
      } else if (const std::optional<CellRegister> reg =
                     held_in_register(op.offset, i + 1, op.src)) {
        emit_.add(*reg, low_byte(op.arg));
        emit_.store(*reg, op.offset);
        facts_.flags_hold_cell = op.offset == 0;
      } else {
        add_in_memory(op);
        facts_.flags_hold_cell = op.offset == 0;
      }
      return i;
    case OpKind::kSet:
      set_in_memory(op);
      facts_.values.set(op.offset, low_byte(op.arg));
      facts_.registers.forget(op.offset);  // its value is known instead
      return i;
    case OpKind::kMove:
      emit_.move(op.arg);
      facts_.move(op.arg);
      return i;
    case OpKind::kOut:
      access(op.offset, op.src);
      emit_.output(op.offset);
      facts_.after_call();  // the flush call may clobber the registers
      return i;
    case OpKind::kIn:
      access(op.offset, op.src);
      emit_.input(op.offset);
      facts_.values.forget(op.offset);
      facts_.after_call();
      return i;
    case OpKind::kLoopBegin:
      // A loop known to be skipped gets the ordinary code, which jumps over it.
      if (copy == Copy::kMain && value_of(0) != uint8_t{0}) {
        if (const FixedRegion* region = starting_at(regions_, next_region_, i)) {
          return fixed_region(*region);
        }
        if (const PeeledLoop* peeled = starting_at(peeled_, next_peeled_, i)) {
          return peeled_loop(*peeled, flags_hold_cell);
        }
      }
      loop_begin(i, flags_hold_cell);
      return i;
    case OpKind::kLoopEnd:
      loop_end(i, flags_hold_cell);
      return i;
    case OpKind::kScan:
      // A scan that starts on a zero cell stays there.
      if (value_of(0) == uint8_t{0}) return i;
      scan(op, flags_hold_cell);
      facts_.at_zero_exit();
      return i;
    case OpKind::kSeek:
      seek(op);
      return i;
    case OpKind::kMulAdd:
      return mul_add_group(i, copy);
    case OpKind::kProduct:
      product(op);
      return i;
  }
  return i;
}

// op_offsets describe the main copy. (A peeled loop's first iteration records its body too;
// the loop proper, lowered after it, overwrites those entries.)
void Lowerer::record(size_t i, Copy copy) {
  if (copy == Copy::kMain && record_op_offsets_) layout_.op_offsets[i] = emit_.offset();
}

// Before an instruction that touches cell p + offset for the command at `src`: an explicit
// check when the guards might not catch it, then the access-map mark.
void Lowerer::access(int32_t offset, uint32_t src) {
  if (facts_.cells.needs_check(offset)) {
    const CheckStub stub{emit_.new_label(), layout_.accesses.size()};
    emit_.jump_if_off_tape(offset, TapeEnd::kBegin, stub.fail);
    emit_.jump_if_off_tape(offset, TapeEnd::kEnd, stub.fail);
    check_stubs_.push_back(stub);
    ++layout_.explicit_checks;
  }
  layout_.accesses.mark(emit_.offset(), src);
  facts_.cells.accessed(offset);
}

// add byte [rbx + off], amount / mov byte [rbx + off], value -- the ops on a cell in memory.
void Lowerer::add_in_memory(const Op& op) {
  access(op.offset, op.src);
  emit_.add(op.offset, low_byte(op.arg));
}

void Lowerer::set_in_memory(const Op& op) {
  access(op.offset, op.src);
  emit_.set(op.offset, low_byte(op.arg));
}

// What the compiler knows cell p + offset holds, if anything. Not inside a fixed region, whose
// cells live in registers (its loop tests would forget everything anyway).
std::optional<uint8_t> Lowerer::value_of(int32_t offset) const {
  if (facts_.registers.pinned()) return std::nullopt;
  return facts_.values.get(offset);
}

// The register holding cell p + offset (outside fixed regions): the one it is in already, or,
// when ops from `next` on read it again before the stretch of code ends, one it is loaded into
// now (the access of the command at `src`, so marked and checked as usual). nullopt: read it
// from memory as usual.
std::optional<CellRegister> Lowerer::held_in_register(int32_t offset, size_t next, uint32_t src) {
  if (facts_.registers.pinned()) return std::nullopt;
  if (const std::optional<CellRegister> held = facts_.registers.slot_of(offset)) return held;
  if (!read_again(next, offset)) return std::nullopt;
  access(offset, src);
  CellRegister reg{0};
  if (offset == 0 && !loops_.empty() && loops_.back().carried) {
    reg = *loops_.back().carried;  // where the loop's `]` wants cell[p]
    facts_.registers.hold(reg, offset);
  } else {
    reg = facts_.registers.claim(offset);
  }
  emit_.load(reg, offset);
  return reg;
}

// The register already holding cell p + offset, if any (outside fixed regions).
std::optional<CellRegister> Lowerer::held_register(int32_t offset) {
  if (facts_.registers.pinned()) return std::nullopt;
  return facts_.registers.slot_of(offset);
}

// Whether cell p + offset (p as before ops_[next]) is read again -- by an Add, a MulAdd (counter
// or target), or the loop test or scan that ends the stretch -- before it is set or a call or
// join point makes its register useless.
bool Lowerer::read_again(size_t next, int32_t offset) const {
  int64_t at = offset;  // as an offset from p where ops_[j] runs
  for (size_t j = next; j < ops_.size() && j < next + kLookahead; ++j) {
    const Op& op = ops_[j];
    switch (op.kind) {
      case OpKind::kMove:
        at -= op.arg;
        continue;
      case OpKind::kAdd:
        if (op.offset == at) return true;
        continue;
      case OpKind::kSet:
        if (op.offset == at) return false;
        continue;
      case OpKind::kMulAdd:
        if (op.from == at || op.offset == at) return true;
        continue;
      case OpKind::kSeek:
        return false;  // its first test is a compare with its value, never from a register
      case OpKind::kLoopBegin:
      case OpKind::kLoopEnd:
      case OpKind::kScan:
        if (at != 0) return false;
        if (j == next && ops_[next - 1].kind == OpKind::kAdd && ops_[next - 1].offset == 0) {
          // Right after an add to cell[p] the test reuses its flags -- but a carried register
          // must hold the cell at its loop's `]`.
          return op.kind == OpKind::kLoopEnd && !loops_.empty() && loops_.back().carried;
        }
        return true;
      case OpKind::kOut:
      case OpKind::kIn:
      case OpKind::kProduct:  // reads its factors from memory
        return false;
    }
  }
  return false;
}

}  // namespace bf::jit
