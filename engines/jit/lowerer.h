// Lowerer: the state of one lower() call and its units, one file per concern (internal to
// engines/jit; lowering.h is the interface):
//   lowering.cpp            the walk over the ops, plain ops, tape accesses, cell registers
//   lower_loops.cpp         loop tests (ordinary, decided at compile time, carried registers)
//   lower_peeled_loop.cpp   a loop whose first iteration is emitted apart (peeled_loops.h)
//   lower_scans.cpp         scans: inline groups, then the shared zero scan or an inline loop; long strides
//                           one step at a time; seeks (scans for a value) the same, inline only
//   lower_mul_add.cpp       MulAdd groups: one counter read, range-checked targets
//   lower_fixed_region.cpp  a loop nest on pinned cell registers, and its plain copy
//   lower_guarded_run.cpp   a straight run's net form behind a range check, and its plain copy
//   lower_out_of_line.cpp   everything after the epilogue: exits, plain copies, stubs
// What is known about the cells lives in one Facts value (facts.h), changed only by its
// operations.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "core/page_release.h"
#include "engines/jit/code_shape.h"
#include "engines/jit/facts.h"
#include "engines/jit/fixed_regions.h"
#include "engines/jit/guarded_runs.h"
#include "engines/jit/lowering.h"
#include "engines/jit/peeled_loops.h"

namespace bf::jit {

// Which copy of the code is being lowered: the main one, whose positions op_offsets records, or
// another -- an out-of-line plain copy of a fixed region, either copy of a guarded run -- with no
// regions, peeling or guarded runs inside and nothing recorded.
enum class Copy : uint8_t { kMain, kPlain };

class Lowerer {
 public:
  Lowerer(const Program& program, const CompileOptions& options, Assembler& assembler,
          const LowerOptions& lower_options);
  CodeLayout run();

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
  // The plain copy of a guarded run, run when its cells are not all on the tape.
  struct RunCopy {
    const GuardedRun* run;
    Label start;
    Label after;
    KnownCells known;  // at the run's entry
  };

  // lowering.cpp
  size_t lower_op(size_t i, Copy copy);
  void give_back_lowered(size_t last);
  void record(size_t i, Copy copy);
  void access(int32_t offset, uint32_t src);
  void add_in_memory(const Op& op);
  void set_in_memory(const Op& op);
  std::optional<uint8_t> value_of(int32_t offset) const;
  std::optional<CellRegister> held_in_register(int32_t offset, size_t next, uint32_t src);
  std::optional<CellRegister> held_register(int32_t offset);
  bool read_again(size_t next, int32_t offset) const;
  // lower_loops.cpp
  void loop_begin(size_t i, bool flags_hold_cell);
  void loop_end(size_t i, bool flags_hold_cell);
  void decided_loop_test();
  std::optional<CellRegister> carried_register(size_t begin);
  void loop_test(uint32_t src, bool flags_hold_cell, std::optional<CellRegister> carried);
  void test_p(uint32_t src);
  void exit_if_zero(uint32_t src, bool flags_hold_cell, Label after);
  // lower_peeled_loop.cpp
  size_t peeled_loop(const PeeledLoop& peeled, bool flags_hold_cell);
  // lower_scans.cpp
  void scan(const Op& op, bool flags_hold_cell);
  void scan_group(const Op& op, std::span<Label> found);
  void scan_exits(const Op& op, std::span<Label> found, Label done, bool falls_into_done);
  void unrolled_scan(const Op& op, Label done);
  void inline_then_call_scan(const Op& op, Label done);
  void seek(const Op& op);
  static uint8_t sought(const Op& op);
  // lower_mul_add.cpp
  size_t mul_add_group(size_t first, Copy copy);
  void product(const Op& op);
  void mul_add_targets(size_t first, size_t last, Copy copy);
  size_t known_counter_group(size_t first, size_t last, uint8_t counter, Copy copy);
  // lower_fixed_region.cpp
  size_t fixed_region(const FixedRegion& region);
  size_t region_op(size_t i);
  void region_loop_test(uint32_t src, bool flags_hold_cell);
  // lower_guarded_run.cpp
  size_t guarded_run(const GuardedRun& run);
  void lower_apart(std::span<const Op> ops);
  // lower_out_of_line.cpp
  void emit_out_of_line();

  std::span<const Op> ops_;  // the program's, or those lower_apart() lowers
  const bool record_op_offsets_;
  const bool consume_program_;
  ConsumedPrefix consumed_;   // consume_program: the ops given up so far
  size_t kept_regions_ = 0;   // ... except the plain copies' regions so far
  const bool count_steps_;
  const uint64_t max_code_bytes_;
  CodeShape emit_;
  Facts facts_;
  CodeLayout layout_;
  std::vector<Loop> loops_;
  std::vector<CheckStub> check_stubs_;
  std::vector<GroupStub> group_stubs_;
  const std::vector<FixedRegion> regions_;
  std::vector<PlainCopy> plain_copies_;
  const std::vector<GuardedRun> guarded_runs_;
  std::vector<RunCopy> run_copies_;
  const std::vector<PeeledLoop> peeled_;
  size_t next_peeled_ = 0;
  size_t next_region_ = 0;
  Label epilogue_ = 0;
  Label step_exit_ = 0;
};

// The entry of `items` (in op order) that begins at op `begin`, if any. `next` only moves
// forward, as the walk over the ops does, so finding them all costs one pass.
template <typename Structure>
const Structure* starting_at(const std::vector<Structure>& items, size_t& next, size_t begin) {
  while (next < items.size() && items[next].begin < begin) ++next;
  return next < items.size() && items[next].begin == begin ? &items[next] : nullptr;
}

}  // namespace bf::jit
