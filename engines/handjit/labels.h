// LabelTable: jump targets by number. A jump to a label bound earlier gets its displacement at
// once; one to a label not bound yet leaves a rel32 hole (or, for a short jump just ahead, a rel8
// one) that resolve() backpatches at the end.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "engines/jit/assembler.h"
#include "engines/handjit/code_buffer.h"

namespace bf::handjit {

class LabelTable {
 public:
  void reserve(size_t labels) {
    positions_.reserve(labels);
    fixups_.reserve(labels);
  }
  jit::Label create();
  void bind(jit::Label label, size_t position);
  // Where the label was bound; nullopt while it is still ahead.
  std::optional<size_t> position(jit::Label label) const;
  // The rel32 field at `field` must come to point at `label`.
  void refer(jit::Label label, size_t field);
  // The rel8 field at `field` must come to point at `label`, at most 127 bytes past its end.
  void refer_rel8(jit::Label label, size_t field);
  // Fills every hole. Throws std::logic_error if a referenced label was never bound, or is out
  // of a short jump's reach.
  void resolve(CodeBuffer& code) const;

 private:
  static constexpr size_t kUnbound = SIZE_MAX;
  struct Fixup {
    jit::Label label;
    size_t field;
    bool rel8 = false;
  };

  std::vector<size_t> positions_;
  std::vector<Fixup> fixups_;
};

}  // namespace bf::handjit
