// xbyak reports errors by throwing Xbyak::Error; this turns them into bf::CompileError where they
// leave the engine.
#pragma once

#include <string>
#include <utility>

#include <xbyak/xbyak.h>

#include "core/engine.h"

namespace bf::xbyak {

// Runs `body` (which emits with xbyak) and rethrows an Xbyak::Error as CompileError("xbyak: ...").
template <typename Body>
decltype(auto) translating_xbyak_errors(Body&& body) {
  try {
    return std::forward<Body>(body)();
  } catch (const Xbyak::Error& error) {
    throw CompileError(std::string("xbyak: ") + error.what());
  }
}

}  // namespace bf::xbyak
