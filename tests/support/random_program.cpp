// Random Brainf*ck programs built from optimizer idioms (see random_program.h).
#include "tests/support/random_program.h"

#include <vector>

#include "core/program.h"
#include "tests/support/random_draws.h"

namespace bf::testing {

namespace {

// Writes pieces of code while tracking where the pointer probably is, so that loops bring it
// back to their counter and leave enclosing counters alone: that is what makes most programs end.
// Pieces whose end position is unknowable (scans over unknown cells, moving loops, runaways) are
// kept out of loop bodies or made predictable there.
class Generator {
 public:
  Generator(uint64_t seed, const RandomProgramOptions& options) : draw_(seed), options_(options) {}

  RandomProgram run() {
    RandomProgram program;
    // Work a little right of cell 0, so that mostly the pieces meant to trap fall off the left end.
    if (!draw_.chance(10)) move(draw_.between(6, 14));
    const int pieces = 1 + draw_.below(options_.pieces);
    for (int i = 0; i < pieces; ++i) piece(0);
    program.code = std::move(code_);
    const int input_length = draw_.below(12);
    for (int i = 0; i < input_length; ++i) program.input += static_cast<char>(draw_.below(256));
    program.eof = static_cast<EofPolicy>(draw_.below(3));
    program.tape_cells = far_ ? (uint64_t{1} << 20) : 4096;
    return program;
  }

 private:
  void emit(char c, int count = 1) {
    code_.append(static_cast<size_t>(count), c);
    if (draw_.chance(3)) code_ += "xy \n"[draw_.below(4)];  // comments shift source positions
  }
  void move(int distance) {
    if (distance == 0) return;
    emit(distance > 0 ? '>' : '<', distance > 0 ? distance : -distance);
    position_ += distance;
  }
  void go_to(int position) { move(position - position_); }
  void adds(int amount) { emit(amount > 0 ? '+' : '-', amount > 0 ? amount : -amount); }

  // Enclosing loops' counters: pieces inside a loop do not touch them.
  bool is_counter(int position) const {
    for (int counter : counters_) {
      if (counter == position) return true;
    }
    return false;
  }
  void step_off_counters() {
    while (is_counter(position_)) move(1);
  }
  // A short move that keeps the pointer a little right of cell 0, now and then not.
  int wander() {
    if (position_ < 2 && !draw_.chance(5)) return draw_.between(1, 4);
    if (position_ > 40) return -draw_.between(1, 8);
    return draw_.nonzero(5);
  }
  // Runs the body of a loop whose counter is at the current cell; returns to it afterwards.
  template <typename Body>
  void loop(Body body) {
    const int start = position_;
    counters_.push_back(start);
    emit('[');
    body(start);
    go_to(start);
    counters_.pop_back();
  }

  void piece(int depth) {
    step_off_counters();
    const bool nested = depth > 0;
    switch (draw_.below(depth < options_.max_depth ? 22 : 13)) {
      case 0: case 1: adds(draw_.nonzero(draw_.chance(5) ? 300 : 12)); break;
      case 2: case 3: move(wander()); break;
      case 4: emit('.'); break;
      case 5: emit(','); break;
      case 6: cancelling_pair(); break;
      case 7: clear_loop(); break;
      case 8:
        if (draw_.chance(35)) {
          seek_loop();
        } else {
          scan_loop(nested);
        }
        break;
      case 9: case 10: multiply_loop(); break;
      case 11: if (!nested) moving_loop(); else multiply_loop(); break;
      case 12:
        if (draw_.below(1000) < options_.far_trip_per_mille) {
          far_trip();
        } else if (!nested && draw_.chance(20)) {
          runaway();
        } else {
          move(wander());
        }
        break;
      case 13: case 14: counted_loop(depth); break;
      case 15: if_loop(depth); break;
      case 16: case 17: reset_loop(depth); break;
      case 18: loop_after_loop(depth); break;
      case 19: case 20:
        if (draw_.chance(40)) {
          product_loop();
        } else {
          nested_multiply();
        }
        break;
      case 21: counted_nest(); break;
    }
  }

  // Counted loops nested 2-4 deep, each counter set just inside the loop around it, the innermost
  // resetting a cell: >++[>+++[>++++[-]<-]<-]. Now and then spoiled: a counter not back at 0 at
  // the enclosing loop's `]`, a read into it, or output in the innermost body.
  void counted_nest() {
    const int levels = draw_.between(2, 4);
    for (int cell = 1; cell <= levels; ++cell) {
      if (is_counter(position_ + cell)) return;  // would step an enclosing loop's counter
    }
    std::vector<int> spoil(static_cast<size_t>(levels), 0);
    for (int& s : spoil) s = draw_.chance(20) ? draw_.between(1, 3) : 0;
    adds(draw_.between(1, 4));
    for (int level = 0; level < levels; ++level) {
      counters_.push_back(position_);
      emit('[');
      move(1);
      if (level + 1 < levels) adds(draw_.between(1, 4));
    }
    adds(draw_.between(1, 5));
    if (draw_.chance(10)) emit('.');
    emit('[');
    emit('-');
    emit(']');
    for (int level = levels; level-- > 0;) {
      if (spoil[static_cast<size_t>(level)] == 1) adds(1);
      if (spoil[static_cast<size_t>(level)] == 2) emit(',');
      if (spoil[static_cast<size_t>(level)] == 3) emit('.');
      move(-1);
      counters_.pop_back();
      adds(-odd_step());
      emit(']');
    }
  }

  // `+-` and friends: net zero, but each still touches its cell (and may trap there).
  void cancelling_pair() {
    static const char* const kPairs[] = {"+-", "-+", "++--", "<+->", ">-+<", "+>-<-+"};
    const int which = draw_.below(6);
    if (position_ < 1 && which == 3 && !draw_.chance(30)) return;
    code_ += kPairs[which];
  }

  // [-], [+], [---] always end at 0; [--] loops forever on an odd value (a step-limit case).
  void clear_loop() {
    if (draw_.chance(50)) adds(draw_.nonzero(9));
    const int step = draw_.chance(95) ? (draw_.chance(80) ? 1 : 3) : 2;
    emit('[');
    adds(draw_.chance(50) ? step : -step);
    emit(']');
  }

  // A walk carrying k along, `[-k>+k]` (stride 1..3 either way; now and then `[>+k<-k>]`): over
  // a few cells to a marker holding -k, which stops it; sometimes with no marker (it walks on,
  // maybe off the tape), sometimes spoiled (it gives back k+1, so it is no seek).
  void seek_loop() {
    const int stride = draw_.between(1, 3) * (draw_.chance(60) ? 1 : -1);
    const int k = draw_.chance(60) ? 1 : draw_.nonzero(5);
    const bool spoiled = draw_.chance(10);
    const int start = position_;
    if (draw_.chance(85)) adds(draw_.nonzero(4));
    const int cells = draw_.between(0, 4);
    for (int i = 0; i < cells; ++i) {
      move(stride);
      if (!is_counter(position_) && draw_.chance(60)) adds(draw_.nonzero(6));
    }
    move(stride);
    if (!is_counter(position_) && draw_.chance(85)) {
      code_ += "[-]";
      adds(-k);
    }
    const int marker = position_;
    go_to(start);
    emit('[');
    if (draw_.chance(25)) {
      move(stride);
      adds(spoiled ? k + 1 : k);
      move(-stride);
      adds(-k);
      move(stride);
    } else {
      adds(-k);
      move(stride);
      adds(spoiled ? k + 1 : k);
    }
    emit(']');
    position_ = marker;  // a guess: where the marker stopped it
  }

  // A row of non-zero cells and a scan across it, either way; outside loops also scans over
  // whatever is there.
  void scan_loop(bool nested) {
    const int stride = draw_.between(1, 4);
    const bool right = draw_.chance(60);
    if (!nested && draw_.chance(40)) {
      emit('[');
      move(right ? stride : -stride);
      emit(']');
      position_ += right ? 2 * stride : 0;  // a guess: it stops at some zero cell
      return;
    }
    const int cells = draw_.between(1, 4);
    const int first = position_;
    for (int i = 0; i < cells; ++i) {
      if (is_counter(position_)) break;
      adds(draw_.chance(50) ? draw_.between(1, 3) : -draw_.between(1, 3));
      move(stride);
    }
    // The cell after the row is probably 0 (ours are fresh or cleared often): start inside the
    // row and scan to its end, or from its end back to before its start.
    if (right) {
      go_to(first);
      emit('[');
      move(stride);
      emit(']');
    } else {
      move(-stride);
      emit('[');
      move(-stride);
      emit(']');
      position_ = first - stride;
    }
  }

  // [->++>+++<<] and friends: targets at offsets -5..5, factors -6..6 (0 as `+-`), a counter
  // stepping by an odd amount (mostly -1 or +1) anywhere in the body; sometimes spoiled by `.`, `,` or an unbalanced move.
  void multiply_loop() {
    adds(draw_.between(1, 12));
    const int start = position_;
    emit('[');
    const int targets = draw_.between(1, 4);
    const int counter_at = draw_.below(targets + 1);
    for (int t = 0; t <= targets; ++t) {
      if (t == counter_at) {
        go_to(start);
        adds((draw_.chance(75) ? -1 : 1) * odd_step());
        continue;
      }
      int offset = draw_.nonzero(5);
      if (start + offset < 0 && !draw_.chance(10)) offset = -offset;
      if (is_counter(start + offset)) continue;
      go_to(start + offset);
      const int factor = draw_.between(-6, 6);
      if (factor == 0) {
        emit('+');
        emit('-');
      } else {
        adds(factor);
      }
      if (draw_.chance(3)) emit(draw_.chance(50) ? '.' : ',');
    }
    go_to(start);
    if (draw_.chance(6)) move(draw_.nonzero(2));  // unbalanced: a moving loop
    emit(']');
    position_ = start;
  }

  // A counter loop whose body is random pieces.
  void counted_loop(int depth) {
    adds(draw_.between(1, 4));
    loop([&](int) {
      for (int i = draw_.between(1, 4); i > 0; --i) piece(depth + 1);
    });
    adds((draw_.chance(85) ? -1 : 1) * odd_step());
    emit(']');
  }

  // A counter's step: mostly 1, now and then another odd amount (the trip count is then the
  // counter times the inverse of the step mod 256).
  int odd_step() { return draw_.chance(80) ? 1 : (draw_.chance(50) ? 3 : 7); }

  // [ body [-] ]: runs at most once.
  void if_loop(int depth) {
    if (draw_.chance(70)) adds(draw_.nonzero(4));
    loop([&](int) {
      for (int i = draw_.between(1, 3); i > 0; --i) piece(depth + 1);
    });
    emit('[');
    emit('-');
    emit(']');
    emit(']');
  }

  // A counted loop that also resets cells every iteration: [->>+++[->++<]>[-]<<<].
  void reset_loop(int depth) {
    adds(draw_.between(1, 9));
    const bool decrement_first = draw_.chance(50);
    loop([&](int start) {
      if (decrement_first) adds(-1);
      for (int i = draw_.between(1, 3); i > 0; --i) {
        const int offset = draw_.nonzero(5);
        if (is_counter(start + offset)) continue;
        go_to(start + offset);
        switch (draw_.below(5)) {
          case 0: emit('['); emit('-'); emit(']'); adds(draw_.nonzero(5)); break;
          case 1: adds(draw_.nonzero(5)); emit('['); emit('-'); emit(']'); break;
          case 2: adds(draw_.nonzero(5)); break;
          case 3: emit('.'); break;
          case 4:
            if (depth + 1 < options_.max_depth) {
              multiply_loop();
            } else {
              adds(1);
            }
            break;
        }
      }
    });
    if (!decrement_first) adds(-1);
    emit(']');
  }

  // ][...]: the second loop is dead when the first leaves the pointer where it tested.
  void loop_after_loop(int depth) {
    counted_loop(depth);
    emit('[');
    for (int i = draw_.between(1, 2); i > 0; --i) piece(depth + 1);
    emit(']');
  }

  // A loop with a net move (top level only): it stops at the first zero cell on its path.
  void moving_loop() {
    emit('[');
    if (draw_.chance(60)) adds(draw_.nonzero(3));
    const int distance = draw_.nonzero(3);
    move(distance);
    emit(']');
    position_ += distance;
  }

  // Multiply loops inside a counted loop: quadratic arithmetic in a few cells.
  void nested_multiply() {
    adds(draw_.between(1, 6));
    loop([&](int) {
      move(draw_.between(1, 3));
      step_off_counters();
      multiply_loop();
      if (draw_.chance(50)) {
        move(1);
        step_off_counters();
        multiply_loop();
      }
    });
    adds(-1);
    emit(']');
  }

  // t += a * b, the classic multiply: a counted loop copying b into t through a temporary and
  // back, `[>[->+>+<<]>>[-<<+>>]<<<-]`, with the three cells anywhere near the counter, an odd
  // step, now and then a constant added to t per turn, the temporary not empty at the start (b
  // then changes after the first turn), or b spoiled (changed every turn).
  void product_loop() {
    int b = 0, t = 0, temporary = 0;
    while (b == 0 || t == 0 || temporary == 0 || b == t || b == temporary || t == temporary) {
      b = draw_.nonzero(4);
      t = draw_.nonzero(4);
      temporary = draw_.nonzero(4);
    }
    const int start = position_;
    for (const int cell : {b, t, temporary}) {
      if (is_counter(start + cell)) return;
    }
    if (draw_.chance(20)) {
      go_to(start + temporary);
      adds(draw_.nonzero(3));
      go_to(start);
    }
    adds(draw_.between(1, 12));
    counters_.push_back(start);
    emit('[');
    go_to(start + b);
    emit('[');
    emit('-');
    go_to(start + t);
    emit('+');
    go_to(start + temporary);
    emit('+');
    go_to(start + b);
    emit(']');
    go_to(start + temporary);
    emit('[');
    emit('-');
    go_to(start + b);
    emit('+');
    go_to(start + temporary);
    emit(']');
    if (draw_.chance(30)) {
      go_to(start + t);
      adds(draw_.nonzero(5));
    }
    if (draw_.chance(15)) {
      go_to(start + b);
      adds(1);
    }
    go_to(start);
    adds((draw_.chance(75) ? -1 : 1) * odd_step());
    counters_.pop_back();
    emit(']');
  }

  // Walks off the tape: +[>+] to the right end, or +[<+] past cell 0.
  void runaway() {
    emit('+');
    emit('[');
    move(draw_.chance(50) ? 1 : -1);
    emit('+');
    emit(']');
  }

  // Far beyond kMaxOffset and back inside one block, so offsets must be split.
  void far_trip() {
    far_ = true;
    const int distance = static_cast<int>(kMaxOffset) + draw_.between(-3, 3);
    move(distance);
    adds(draw_.nonzero(3));
    emit('.');
    move(-distance + draw_.between(0, 2));
  }

  RandomDraws draw_;
  RandomProgramOptions options_;
  std::string code_;
  int position_ = 0;
  std::vector<int> counters_;
  bool far_ = false;
};

}  // namespace

RandomProgram random_program(uint64_t seed, const RandomProgramOptions& options) {
  return Generator(seed, options).run();
}

}  // namespace bf::testing
