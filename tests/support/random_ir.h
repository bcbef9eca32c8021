// Random IR programs for testing engines below the optimizer: every op kind, in shapes the passes
// produce and shapes they never do (MulAdd groups with offset counters, scans of any stride, far
// offsets, moves beyond the guard), usually on small tapes so that traps of every kind happen.
// One generator; each suite's RandomIrOptions chooses the mix, the reach and the shapes it needs.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/program.h"
#include "core/runtime/io.h"

namespace bf::testing {

struct RandomIrOptions {
  // How often each piece is chosen, relative to the others (0: never).
  struct Mix {
    int add = 0;
    int set = 0;
    int move = 0;
    int out = 0;
    int in = 0;
    int loop = 0;           // a loop around a random body (at max_depth: an add of -1 instead)
    int scan = 0;
    int multiply = 0;       // MulAdds of one counter, then (per clear_percent) its clear
    int add_then_loop = 0;  // an add to p[0] right before a loop (the JITs reuse its flags)
    int fixed_nest = 0;     // nested loops that never move p (the JITs keep cells in registers)
    int walk_loop = 0;      // a loop stepping p whose body zeroes the next iteration's target
    int known_values = 0;   // ops on cells just set or added to (the JITs know their values)
    int dead_writes = 0;    // a run of writes that later sets overwrite (JITs: guarded runs)
  } mix;

  // Length: pieces at the top level, and in each loop body (at least one).
  int min_pieces = 4;
  int max_pieces = 23;
  int max_body_pieces = 6;
  int max_depth = 3;

  // Moves made before the first piece, each with its own chance: start near a tape end.
  struct StartMove {
    int percent;
    int32_t low, high;
  };
  std::vector<StartMove> start_moves;

  // Offsets: ±near_offset, sometimes ±wide_offset, sometimes ±far_offset minus 0..3.
  int32_t near_offset = 4;
  int wide_offset_percent = 0;
  int32_t wide_offset = 300;
  int far_offset_percent = 0;
  int32_t far_offset = kMaxOffset;

  // Move pieces: nonzero ±near_move; sometimes a trip beyond the tape's guard region (and usually
  // back), sometimes ±far_offset, sometimes nonzero ±wide_move.
  int32_t near_move = 4;
  int guard_trip_percent = 0;
  int far_move_percent = 0;
  int wide_move_percent = 0;
  int32_t wide_move = 20;

  int32_t add_range = 3;  // adds of ±add_range (0 included unless odd_adds)
  bool odd_adds = false;  // only odd amounts: a counter stepped by them reaches zero
  int small_set_percent = 25;  // sets of 0..3; the others in [set_low, set_high]
  int32_t set_low = -300;
  int32_t set_high = 300;

  // Scan strides: a range picked uniformly, then a nonzero stride within it.
  struct Range {
    int32_t low, high;
  };
  std::vector<Range> scan_strides{{1, 1}, {-1, -1}};

  // Multiply groups: 1..max_targets MulAdds of one counter, at p with counter_at_p_percent,
  // else within ±counter_offset; factors ±1 (unit_factor_percent), ±300 (big_factor_percent) or
  // ±small_factor; then the counter's clear with clear_percent.
  int max_targets = 4;
  int counter_at_p_percent = 60;
  int32_t counter_offset = 3;
  int unit_factor_percent = 0;
  int big_factor_percent = 0;
  int32_t small_factor = 2;
  int clear_percent = 65;

  // Loops: a counter step at p first (-1 mostly), a counter -1 last; a fixed loop ends with the
  // move that undoes its body's (when that is known); the others may end with a move of
  // ±end_move.
  int counter_first_percent = 0;
  int counter_last_percent = 0;
  int fixed_loop_percent = 0;
  int end_move_percent = 0;
  int32_t end_move = 2;

  // Input bytes (0..max_input of them), the EOF policy (any), the tape (one of these).
  int max_input = 7;
  std::vector<uint64_t> tape_cells{4096};
};

struct RandomIr {
  Program program;  // passes verify(); op i has src 10i+1 and src2 10i+2 (ir::numbered_program)
  std::string input;
  EofPolicy eof = EofPolicy::kKeep;
  uint64_t tape_cells = 4096;
};

// Deterministic for a seed (RandomDraws). Programs need not end: run them with a step limit.
RandomIr random_ir(uint64_t seed, const RandomIrOptions& options);

}  // namespace bf::testing
