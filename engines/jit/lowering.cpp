#include "engines/jit/lowering.h"

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <optional>
#include <utility>

#include "engines/jit/cell_registers.h"
#include "engines/jit/code_shape.h"
#include "engines/jit/fixed_regions.h"
#include "engines/jit/known_cells.h"
#include "engines/jit/known_values.h"
#include "engines/jit/peeled_loops.h"
#include "core/runtime/tape.h"

namespace bf::jit {

namespace {

// Scan steps per iteration of a strided scan loop (see unrolled_scan).
constexpr int kScanUnroll = 4;

// How far ahead (in ops) the lowering looks for a second read of a cell it is about to load.
constexpr size_t kLookahead = 32;

// Only the low byte of an amount or factor matters: cells wrap mod 256.
uint8_t low_byte(int32_t value) { return static_cast<uint8_t>(value); }

class Lowering {
 public:
  Lowering(const Program& program, const CompileOptions& options, Assembler& assembler)
      : ops_(program.ops),
        count_steps_(options.count_steps),
        emit_(assembler),
        known_(static_cast<int64_t>(Tape::guard_bytes())),
        regions_(find_fixed_regions(program)),
        peeled_(find_peeled_loops(program)) {}

  CodeLayout run() {
    layout_.op_offsets.resize(ops_.size());
    layout_.accesses.reserve(ops_.size() + 1);
    epilogue_ = emit_.new_label();
    if (count_steps_) step_exit_ = emit_.new_label();

    emit_.prologue();
    for (size_t i = 0; i < ops_.size(); ++i) i = lower_op(i);
    emit_.set_exit_code(kExitFinished);
    emit_.bind(epilogue_);
    emit_.epilogue();
    emit_out_of_line();
    return std::move(layout_);
  }

 private:
  struct Loop {
    Label body;
    Label after;
    // Where both tests leave cell[p] for the body, if anywhere.
    std::optional<CellRegister> carried = std::nullopt;
  };
  struct CheckStub {
    Label fail;
    uint32_t site;
  };
  // A MulAdd group near a tape end: `slow` decides between `done` and `targets`.
  struct GroupStub {
    Label slow;
    Label targets;
    Label done;
  };
  // The plain copy of a fixed region, run when its cells are not all on the tape.
  struct PlainCopy {
    const FixedRegion* region;
    Label start;
    Label after;
    KnownCells known;  // at the region's entry
  };

  // Lowers ops_[i] (and, for a MulAdd group or a fixed region, the ops after it); returns the
  // last index consumed.
  size_t lower_op(size_t i) {
    const Op& op = ops_[i];
    if (recording_ops_) layout_.op_offsets[i] = emit_.offset();
    // Flags describe cell[p] only right after an add to it; anything else emitted spoils them.
    const bool flags_hold_cell = flags_hold_cell_;
    flags_hold_cell_ = false;
    switch (op.kind) {
      case OpKind::kAdd:
        if (const std::optional<CellRegister> slot = cached(op.offset)) {
          emit_.add(*slot, low_byte(op.arg));
          flags_hold_cell_ = op.offset == 0;
        } else if (const std::optional<uint8_t> value = value_of(op.offset)) {
          // The cell was accessed since its value became known: no trap, nothing to read.
          const uint8_t sum = low_byte(*value + op.arg);
          access(op.offset, op.src);
          emit_.set(op.offset, sum);
          values_.set(op.offset, sum);
        } else if (const std::optional<CellRegister> slot = held_in_register(op.offset, i + 1, op.src)) {
          emit_.add(*slot, low_byte(op.arg));
          emit_.store(*slot, op.offset);
          flags_hold_cell_ = op.offset == 0;
        } else {
          access(op.offset, op.src);
          emit_.add(op.offset, low_byte(op.arg));
          flags_hold_cell_ = op.offset == 0;
        }
        return i;
      case OpKind::kSet:
        if (const std::optional<CellRegister> slot = cached(op.offset)) {
          emit_.set(*slot, low_byte(op.arg));
        } else {
          access(op.offset, op.src);
          emit_.set(op.offset, low_byte(op.arg));
          learn(op.offset, low_byte(op.arg));
          registers_.forget(op.offset);  // its value is known instead
        }
        return i;
      case OpKind::kMove:
        emit_.move(op.arg);
        known_.move(op.arg);
        values_.move(op.arg);
        registers_.move(op.arg);
        return i;
      case OpKind::kOut:
        access(op.offset, op.src);
        emit_.output(op.offset);
        registers_.clear();  // the flush call may clobber them
        return i;
      case OpKind::kIn:
        access(op.offset, op.src);
        emit_.input(op.offset);
        values_.forget(op.offset);
        registers_.clear();
        return i;
      case OpKind::kLoopBegin: {
        // A loop known to be skipped gets the ordinary code, which jumps over it.
        const bool skipped = value_of(0) == uint8_t{0};
        if (const FixedRegion* region = region_at(i); region != nullptr && !skipped) {
          registers_.clear();  // the region's own cells go there
          return fixed_region(*region);
        }
        if (const PeeledLoop* peeled = peeled_at(i); peeled != nullptr && !skipped) {
          return peeled_loop(*peeled, flags_hold_cell);
        }
        Loop loop{emit_.new_label(), emit_.new_label()};
        if (const std::optional<uint8_t> value = value_of(0)) {
          // The test's outcome is known: skip the loop, or enter it without testing.
          decided_loop_test();
          if (*value == 0) emit_.jump(loop.after);
        } else {
          loop.carried = carried_register(i);
          loop_test(op.src, flags_hold_cell, loop.carried);
          emit_.jump_if_zero(loop.after);
        }
        loops_.push_back(loop);
        emit_.bind(loop.body);
        values_.clear();  // the body is also reached from the loop's end
        return i;
      }
      case OpKind::kLoopEnd: {
        const Loop loop = loops_.back();
        loops_.pop_back();
        if (const std::optional<uint8_t> value = value_of(0)) {
          decided_loop_test();
          if (*value != 0) {
            if (loop.carried) emit_.set(*loop.carried, *value);
            emit_.jump(loop.body);
          }
        } else {
          loop_test(op.src, flags_hold_cell, loop.carried);
          emit_.jump_if_nonzero(loop.body);
        }
        emit_.bind(loop.after);
        ended_at_zero();
        return i;
      }
      case OpKind::kScan:
        // A scan that starts on a zero cell stays there.
        if (value_of(0) == uint8_t{0}) return i;
        scan(op, flags_hold_cell);
        ended_at_zero();
        return i;
      case OpKind::kMulAdd:
        return mul_add_group(i);
    }
    return i;
  }

  // Before an instruction that touches cell p + offset for the command at `src`: an explicit
  // check when the guards might not catch it, then the access-map mark.
  void access(int32_t offset, uint32_t src) {
    if (known_.needs_check(offset)) {
      const CheckStub stub{emit_.new_label(), layout_.accesses.size()};
      emit_.jump_if_off_tape(offset, TapeEnd::kBegin, stub.fail);
      emit_.jump_if_off_tape(offset, TapeEnd::kEnd, stub.fail);
      check_stubs_.push_back(stub);
      ++layout_.explicit_checks;
    }
    layout_.accesses.mark(emit_.offset(), src);
    known_.accessed(offset);
  }

  // What the compiler knows cell p + offset holds, if anything. Not inside a fixed region, whose
  // cells live in registers (its loop tests would forget everything anyway).
  std::optional<uint8_t> value_of(int32_t offset) const {
    if (cache_ != nullptr) return std::nullopt;
    return values_.get(offset);
  }
  void learn(int32_t offset, uint8_t value) {
    if (cache_ == nullptr) values_.set(offset, value);
  }
  // After a loop or scan, p is on a zero cell -- the only fact that holds where paths join.
  void ended_at_zero() {
    values_.clear();
    learn(0, 0);
    registers_.clear();
  }

  // The register holding cell p + offset (outside fixed regions): the one it is in already, or,
  // when ops from `next` on read it again before the stretch of code ends, one it is loaded into
  // now (the access of the command at `src`, so marked and checked as usual). nullopt: read it
  // from memory as usual.
  std::optional<CellRegister> held_in_register(int32_t offset, size_t next, uint32_t src) {
    if (cache_ != nullptr) return std::nullopt;
    if (const std::optional<CellRegister> slot = registers_.slot_of(offset)) return slot;
    if (!read_again(next, offset)) return std::nullopt;
    access(offset, src);
    CellRegister reg{0};
    if (offset == 0 && !loops_.empty() && loops_.back().carried) {
      reg = *loops_.back().carried;  // where the loop's `]` wants cell[p]
      registers_.hold(reg, offset);
    } else {
      reg = registers_.claim(offset);
    }
    emit_.load(reg, offset);
    return reg;
  }

  // Whether cell p + offset (p as before ops_[next]) is read again -- by an Add, a MulAdd (counter
  // or target), or the loop test or scan that ends the stretch -- before it is set or a call or
  // join point makes its register useless.
  bool read_again(size_t next, int32_t offset) const {
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
        case OpKind::kLoopBegin:
        case OpKind::kLoopEnd:
        case OpKind::kScan:
          if (at != 0) return false;
          if (j == next && ops_[next - 1].kind == OpKind::kAdd && ops_[next - 1].offset == 0) {
            // Right after an add to cell[p] the test reuses its flags -- but a carried register
            // must hold the cell at its loop's `]`.
            return op.kind == OpKind::kLoopEnd && !loops_.empty() && loops_.back().carried.has_value();
          }
          return true;
        case OpKind::kOut:
        case OpKind::kIn:
          return false;
      }
    }
    return false;
  }

  // A loop test whose outcome is known: the step still counts, the compare is not needed.
  void decided_loop_test() {
    if (count_steps_) emit_.count_step(step_exit_);
    known_.reset();
    registers_.clear();
  }

  // A peeled loop (peeled_loops.h): the first iteration apart, entered only from the loop's
  // entry, so it keeps what was known before the loop; then the loop proper, which starts with
  // the facts every iteration leaves for the next:
  //   [step] test; je after; <body>; [step] test; je after;
  //   body: <body, with the facts>; [step] test; jne body; after:
  // Each test counts a step and traps like the loop's own (the first iteration's end test is the
  // `]`'s), so steps and traps are those of the loop unpeeled. op_offsets describe the loop
  // proper; the first iteration's code belongs to the LoopBegin.
  size_t peeled_loop(const PeeledLoop& peeled, bool flags_hold_cell) {
    const Loop loop{emit_.new_label(), emit_.new_label()};
    const bool recording = recording_ops_;
    recording_ops_ = false;
    exit_if_zero(ops_[peeled.begin].src, flags_hold_cell, loop.after);
    for (size_t i = peeled.begin + 1; i < peeled.end; ++i) i = lower_op(i);
    exit_if_zero(ops_[peeled.end].src, flags_hold_cell_, loop.after);
    recording_ops_ = recording;

    // The loop proper, entered from the first iteration's end and from its own.
    emit_.bind(loop.body);
    registers_.clear();
    known_.reset();
    known_.accessed(peeled.lo);
    known_.accessed(peeled.hi);
    values_.clear();
    for (const auto& [offset, value] : peeled.values) values_.set(offset, value);
    flags_hold_cell_ = false;
    loops_.push_back(loop);
    for (size_t i = peeled.begin + 1; i <= peeled.end; ++i) i = lower_op(i);  // its LoopEnd too
    return peeled.end;
  }

  // A loop test (`[` or `]`, at `src`) that leaves the loop for `after` when cell[p] is zero and
  // otherwise goes on below -- where nothing else arrives, so what is known stays known. A known
  // value decides it at compile time (the step still counts).
  void exit_if_zero(uint32_t src, bool flags_hold_cell, Label after) {
    flags_hold_cell_ = false;
    if (count_steps_) emit_.count_step(step_exit_);  // clobbers the flags
    if (const std::optional<uint8_t> value = value_of(0)) {
      if (*value == 0) emit_.jump(after);
      return;
    }
    if (count_steps_ || !flags_hold_cell) test_p(src);
    emit_.jump_if_zero(after);
  }

  // cmp byte [rbx], 0 -- or test r8b+s, r8b+s when a register holds cell[p].
  void test_p(uint32_t src) {
    if (const std::optional<CellRegister> slot = registers_.slot_of(0); slot && cache_ == nullptr) {
      emit_.test(*slot);
      return;
    }
    access(0, src);
    emit_.test(0);
  }

  // The register an ordinary loop's tests should leave cell[p] in: when its body reads cell[p]
  // again before anything else could spoil the register (-1: none).
  std::optional<CellRegister> carried_register(size_t begin) {
    if (cache_ != nullptr || !read_again(begin + 1, 0)) return std::nullopt;
    return registers_.slot_of(0).value_or(CellRegister{0});
  }

  // A `[` or `]` test of cell[p]: one step, then the compare (unless the flags already hold it).
  // With a carried register: movzx r8d+s, byte [rbx] (unless it holds cell[p] already), then
  // test r8b+s, r8b+s -- one load, and the body starts with cell[p] in the register.
  void loop_test(uint32_t src, bool flags_hold_cell,
                 std::optional<CellRegister> carried = std::nullopt) {
    if (count_steps_) emit_.count_step(step_exit_);  // clobbers the flags
    const bool compare = count_steps_ || !flags_hold_cell;
    if (carried) {
      if (registers_.slot_of(0) != carried) {
        access(0, src);
        emit_.load(*carried, 0);  // movzx leaves the flags alone
      }
      if (compare) emit_.test(*carried);
    } else if (compare) {
      if (const std::optional<CellRegister> slot = cached(0)) {
        emit_.test(*slot);
      } else {
        test_p(src);
      }
    }
    registers_.clear();  // the code after the test is also reached from elsewhere
    if (carried) registers_.hold(*carried, 0);
    // The code after the test is also reached from the other end of the loop.
    known_.reset();
    if (cache_ != nullptr) {
      // p never moves in a fixed region, so its range check holds all through it.
      known_.accessed(cache_->cells.front().offset);
      known_.accessed(cache_->cells.back().offset);
    }
  }

  // while cell[p] != 0: p += stride. The first test reports '[' (src), later ones ']' (src2).
  void scan(const Op& op, bool flags_hold_cell) {
    const Label done = emit_.new_label();
    if (!flags_hold_cell) test_p(op.src);
    emit_.jump_if_zero(done);
    if (op.arg == 1 || op.arg == -1) {
      // The helper stops at the tape's end (or one before its begin); testing that cell again
      // faults in the guard exactly where the naive engine would report.
      emit_.scan_call(op.arg == 1);
      layout_.accesses.mark(emit_.offset(), op.src2);
      emit_.test(0);
    } else if (std::abs(int64_t{op.arg}) * kScanUnroll <= known_.guard()) {
      unrolled_scan(op, done);
    } else {
      // A stride so long that each step needs its own (explicit) check.
      const Label again = emit_.new_label();
      emit_.bind(again);
      known_.reset();  // reached again after each step
      emit_.move(op.arg);
      known_.move(op.arg);
      access(0, op.src2);
      emit_.test(0);
      emit_.jump_if_nonzero(again);
    }
    emit_.bind(done);
    known_.reset();
  }

  // Scan steps 1..kScanUnroll-1 test p + j*stride without moving p; the last one moves and loops.
  // Each test is the one the naive engine makes at that step, in the same order, so a run off the
  // tape faults at the same cell; all are the ']' (src2).
  //   .again: cmp byte [rbx+k], 0; je .s1; cmp byte [rbx+2k], 0; je .s2; cmp byte [rbx+3k], 0
  //           je .s3; add rbx, 4k; cmp byte [rbx], 0; jne .again; jmp .done
  //   .s3: add rbx, 3k; jmp .done;  .s2: add rbx, 2k; jmp .done;  .s1: add rbx, k;  .done:
  void unrolled_scan(const Op& op, Label done) {
    const int32_t k = op.arg;
    Label found[kScanUnroll];
    const Label again = emit_.new_label();
    emit_.bind(again);
    known_.reset();
    for (int j = 1; j < kScanUnroll; ++j) {
      found[j] = emit_.new_label();
      access(j * k, op.src2);
      emit_.test(j * k);
      emit_.jump_if_zero(found[j]);
    }
    emit_.move(kScanUnroll * k);
    known_.move(kScanUnroll * k);
    access(0, op.src2);
    emit_.test(0);
    emit_.jump_if_nonzero(again);
    emit_.jump(done);
    // One add per exit, not a chain of them: everything after the scan waits for rbx (measured:
    // mandelbrot 2% faster than falling through k-steps).
    for (int j = kScanUnroll - 1; j >= 1; --j) {
      emit_.bind(found[j]);
      emit_.move(j * k);
      if (j > 1) emit_.jump(done);
    }
  }

  // Consecutive MulAdds on the same counter read it once; no target of the group is the counter,
  // so it cannot change. A zero counter adds zero, so the targets can be updated without a branch
  // -- as long as none of them can fall off the tape, where a zero counter must not touch it.
  // Targets inside the known cells need nothing; others get a range check that sends the rare
  // group near a tape end to an out-of-line stub: zero counter -> skip the group, else run it (an
  // off-tape target then faults at its own command, as it should).
  size_t mul_add_group(size_t first) {
    const int32_t from = ops_[first].from;
    size_t last = first;
    while (ops_[first].offset != from && last + 1 < ops_.size() &&
           ops_[last + 1].kind == OpKind::kMulAdd && ops_[last + 1].from == from &&
           ops_[last + 1].offset != from) {
      ++last;
    }
    if (const std::optional<uint8_t> counter = value_of(from)) {
      return known_counter_group(first, last, *counter);
    }
    if (const std::optional<CellRegister> slot = cached(from)) {
      emit_.load_counter(*slot);
    } else if (const std::optional<CellRegister> held = held_in_register(from, last + 1, ops_[first].src2)) {
      emit_.load_counter(*held);
    } else {
      access(from, ops_[first].src2);
      emit_.load_counter(from);
    }

    // The targets in memory (cached ones are registers, which cannot fault): their range.
    int32_t low = INT32_MAX;
    int32_t high = INT32_MIN;
    bool far = false;
    for (size_t i = first; i <= last; ++i) {
      if (cached(ops_[i].offset)) continue;
      low = std::min(low, ops_[i].offset);
      high = std::max(high, ops_[i].offset);
      far = far || known_.needs_check(ops_[i].offset);
    }
    if (far) {
      // Some target is beyond the guards' reach: explicit checks, which must not run (and trap)
      // when the counter is zero, so branch around the group.
      const Label skip = emit_.new_label();
      emit_.test_counter();
      emit_.jump_if_zero(skip);
      const KnownCells before = known_;
      mul_add_targets(first, last);
      emit_.bind(skip);
      known_ = before;
      return last;
    }

    // p + low >= begin is implied when low is right of a known cell, and p + high < end when
    // high is left of one.
    const bool in_memory = low <= high;
    const bool check_low = in_memory && low < known_.lo();
    const bool check_high = in_memory && high > known_.hi();
    const GroupStub stub{emit_.new_label(), emit_.new_label(), emit_.new_label()};
    if (check_high) emit_.jump_if_off_tape(high, TapeEnd::kEnd, stub.slow);
    if (check_low) emit_.jump_if_off_tape(low, TapeEnd::kBegin, stub.slow);
    emit_.bind(stub.targets);
    const KnownCells before = known_;
    mul_add_targets(first, last);
    known_ = before;  // the stub's zero-counter path skips the targets
    if (check_low || check_high) {
      emit_.bind(stub.done);
      group_stubs_.push_back(stub);
    }
    return last;
  }

  void mul_add_targets(size_t first, size_t last) {
    for (size_t i = first; i <= last; ++i) {
      if (i != first && recording_ops_) layout_.op_offsets[i] = emit_.offset();
      if (const std::optional<CellRegister> slot = cached(ops_[i].offset)) {
        emit_.mul_add(*slot, low_byte(ops_[i].arg));
      } else if (const std::optional<CellRegister> held = held_register(ops_[i].offset)) {
        // Never loaded here: a zero counter may skip this code (a range-check stub).
        access(ops_[i].offset, ops_[i].src);
        emit_.mul_add(*held, low_byte(ops_[i].arg));
        emit_.store(*held, ops_[i].offset);
      } else if (const std::optional<uint8_t> value = value_of(ops_[i].offset)) {
        // The target's value is known (so it is on the tape): write, without reading, value +
        // counter * factor -- the value itself when the counter is zero.
        access(ops_[i].offset, ops_[i].src);
        emit_.store_product(ops_[i].offset, low_byte(ops_[i].arg), *value);
        values_.forget(ops_[i].offset);
      } else {
        access(ops_[i].offset, ops_[i].src);
        emit_.mul_add(ops_[i].offset, low_byte(ops_[i].arg));
      }
    }
  }

  // A MulAdd group whose counter's value c is known (its cell was accessed, so reading it cannot
  // trap): with c = 0 nothing happens; otherwise each target is an Add of c * factor.
  size_t known_counter_group(size_t first, size_t last, uint8_t counter) {
    for (size_t i = first; i <= last; ++i) {
      if (recording_ops_) layout_.op_offsets[i] = emit_.offset();
      if (counter == 0) continue;
      const Op& op = ops_[i];
      const uint8_t amount = low_byte(counter * op.arg);
      access(op.offset, op.src);
      if (const std::optional<uint8_t> value = value_of(op.offset)) {
        emit_.set(op.offset, low_byte(*value + amount));
        values_.set(op.offset, low_byte(*value + amount));
      } else if (const std::optional<CellRegister> held = held_register(op.offset)) {
        emit_.add(*held, amount);
        emit_.store(*held, op.offset);
      } else {
        emit_.add(op.offset, amount);
      }
    }
    return last;
  }

  // A fixed region (fixed_regions.h): if all its chosen cells are on the tape -- one range check
  // -- they are loaded into registers, the region runs on them, and the written ones are stored
  // back at its end. Otherwise (p near a tape end) an out-of-line plain copy of the region runs,
  // which traps exactly where the naive engine does (no copy when the cells are known to be on
  // the tape already). Inside the registers version no access to a
  // cached cell can fault, and every other access is marked as usual, so traps are the same.
  size_t fixed_region(const FixedRegion& region) {
    const PlainCopy plain{&region, emit_.new_label(), emit_.new_label(), known_};
    const int32_t low = region.cells.front().offset;
    const int32_t high = region.cells.back().offset;
    const bool check_high = high > known_.hi();
    const bool check_low = low < known_.lo();
    if (check_high) emit_.jump_if_off_tape(high, TapeEnd::kEnd, plain.start);
    if (check_low) emit_.jump_if_off_tape(low, TapeEnd::kBegin, plain.start);
    known_.accessed(low);
    known_.accessed(high);
    for (size_t slot = 0; slot < region.cells.size(); ++slot) {
      emit_.load(CellRegister{static_cast<int>(slot)}, region.cells[slot].offset);
    }
    values_.clear();
    cache_ = &region;
    for (size_t i = region.begin; i <= region.end; ++i) {
      i = i == region.begin ? region_loop_begin(i) : lower_op(i);
    }
    cache_ = nullptr;
    for (size_t slot = 0; slot < region.cells.size(); ++slot) {
      if (region.cells[slot].written) {
        emit_.store(CellRegister{static_cast<int>(slot)}, region.cells[slot].offset);
      }
    }
    if (check_high || check_low) {
      emit_.bind(plain.after);
      plain_copies_.push_back(plain);
    }
    flags_hold_cell_ = false;
    known_.reset();  // the region ends with its loop's test
    ended_at_zero();
    return region.end;
  }

  // The region's own LoopBegin: an ordinary loop test, on the cells now in registers.
  size_t region_loop_begin(size_t i) {
    const Loop loop{emit_.new_label(), emit_.new_label()};
    loops_.push_back(loop);
    loop_test(ops_[i].src, false);
    emit_.jump_if_zero(loop.after);
    emit_.bind(loop.body);
    return i;
  }

  std::optional<CellRegister> cached(int32_t offset) const {
    if (cache_ == nullptr) return std::nullopt;
    for (size_t slot = 0; slot < cache_->cells.size(); ++slot) {
      if (cache_->cells[slot].offset == offset) return CellRegister{static_cast<int>(slot)};
    }
    return std::nullopt;
  }

  const PeeledLoop* peeled_at(size_t begin) {
    if (!use_regions_ || cache_ != nullptr) return nullptr;
    while (next_peeled_ < peeled_.size() && peeled_[next_peeled_].begin < begin) ++next_peeled_;
    if (next_peeled_ < peeled_.size() && peeled_[next_peeled_].begin == begin) {
      return &peeled_[next_peeled_];
    }
    return nullptr;
  }

  // The register already holding cell p + offset, if any (outside fixed regions).
  std::optional<CellRegister> held_register(int32_t offset) {
    if (cache_ != nullptr) return std::nullopt;
    return registers_.slot_of(offset);
  }

  const FixedRegion* region_at(size_t begin) {
    if (!use_regions_) return nullptr;
    while (next_region_ < regions_.size() && regions_[next_region_].begin < begin) ++next_region_;
    if (next_region_ < regions_.size() && regions_[next_region_].begin == begin) {
      return &regions_[next_region_];
    }
    return nullptr;
  }

  // Everything after the epilogue: exit stubs, plain copies of fixed regions, and the stubs the
  // code emitted so far asked for (a plain copy may ask for more, so stubs come last).
  void emit_out_of_line() {
    if (count_steps_) {
      emit_.bind(step_exit_);
      emit_.set_exit_code(kExitStepLimit);
      emit_.jump(epilogue_);
    }
    layout_.trap_exit_offset = emit_.offset();
    emit_.set_exit_code(kExitFault);
    emit_.jump(epilogue_);

    use_regions_ = false;
    recording_ops_ = false;  // op_offsets describe the main copy
    for (const PlainCopy& plain : plain_copies_) {
      emit_.bind(plain.start);
      known_ = plain.known;
      values_.clear();
      registers_.clear();
      flags_hold_cell_ = false;
      for (size_t i = plain.region->begin; i <= plain.region->end; ++i) i = lower_op(i);
      emit_.jump(plain.after);
    }
    for (const CheckStub& stub : check_stubs_) {
      emit_.bind(stub.fail);
      emit_.set_checked_exit(stub.site);
      emit_.jump(epilogue_);
    }
    for (const GroupStub& stub : group_stubs_) {
      emit_.bind(stub.slow);
      emit_.test_counter();
      emit_.jump_if_zero(stub.done);
      emit_.jump(stub.targets);
    }
  }

  const std::vector<Op>& ops_;
  const bool count_steps_;
  CodeShape emit_;
  KnownCells known_;
  KnownValues values_;
  CellRegisters registers_;
  CodeLayout layout_;
  std::vector<Loop> loops_;
  std::vector<CheckStub> check_stubs_;
  std::vector<GroupStub> group_stubs_;
  const std::vector<FixedRegion> regions_;
  std::vector<PlainCopy> plain_copies_;
  const std::vector<PeeledLoop> peeled_;
  size_t next_peeled_ = 0;
  size_t next_region_ = 0;
  const FixedRegion* cache_ = nullptr;  // the region whose cells are in registers, if any
  bool use_regions_ = true;
  bool recording_ops_ = true;
  Label epilogue_ = 0;
  Label step_exit_ = 0;
  bool flags_hold_cell_ = false;
};

}  // namespace

CodeLayout lower(const Program& program, const CompileOptions& options, Assembler& assembler) {
  return Lowering(program, options, assembler).run();
}

}  // namespace bf::jit
