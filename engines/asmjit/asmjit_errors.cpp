#include "engines/asmjit/asmjit_errors.h"

#include "core/engine.h"

namespace bf::asmjit {

void FirstErrorRecorder::handleError(::asmjit::Error error, const char* message, ::asmjit::BaseEmitter*) {
  if (failed()) return;
  error_ = error;
  message_ = message != nullptr ? message : ::asmjit::DebugUtils::errorAsString(error);
}

void FirstErrorRecorder::throw_if_failed() const {
  if (failed()) throw CompileError("asmjit: emitting code failed: " + message_);
}

void check(::asmjit::Error error, const char* what) {
  if (error != ::asmjit::kErrorOk) {
    throw CompileError(std::string("asmjit: ") + what + " failed: " + ::asmjit::DebugUtils::errorAsString(error));
  }
}

}  // namespace bf::asmjit
