#include "engines/handjit/labels.h"

#include <stdexcept>
#include <string>

namespace bf::handjit {

jit::Label LabelTable::create() {
  positions_.push_back(kUnbound);
  return static_cast<jit::Label>(positions_.size() - 1);
}

void LabelTable::bind(jit::Label label, size_t position) { positions_[label] = position; }

std::optional<size_t> LabelTable::position(jit::Label label) const {
  if (positions_[label] == kUnbound) return std::nullopt;
  return positions_[label];
}

void LabelTable::refer(jit::Label label, size_t field) { fixups_.push_back(Fixup{label, field}); }

void LabelTable::refer_rel8(jit::Label label, size_t field) {
  fixups_.push_back(Fixup{label, field, true});
}

void LabelTable::resolve(CodeBuffer& code) const {
  for (const Fixup& fixup : fixups_) {
    const size_t target = positions_[fixup.label];
    if (target == kUnbound) {
      throw std::logic_error("handjit: jump to label " + std::to_string(fixup.label) +
                             " which was never bound");
    }
    // The displacement counts from the end of the instruction, which is where the field ends.
    const size_t width = fixup.rel8 ? 1 : 4;
    const auto rel = static_cast<int64_t>(target) - static_cast<int64_t>(fixup.field + width);
    if (!fixup.rel8) {
      code.patch_u32(fixup.field, static_cast<uint32_t>(static_cast<int32_t>(rel)));
    } else if (rel >= -128 && rel <= 127) {
      code.patch_u8(fixup.field, static_cast<uint8_t>(static_cast<int8_t>(rel)));
    } else {
      throw std::logic_error("handjit: short jump to label " + std::to_string(fixup.label) +
                             " is out of rel8 reach");
    }
  }
}

}  // namespace bf::handjit
