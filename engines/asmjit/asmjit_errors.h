// AsmJit reports errors as values; this turns them into bf::CompileError at the engine boundary.
#pragma once

#include <string>

#include <asmjit/core.h>

namespace bf::asmjit {

// Attached to the CodeHolder: keeps the first error any instruction or label operation reports
// (with AsmJit's message), so emitting can go on unchecked and be checked once at the end.
class FirstErrorRecorder final : public ::asmjit::ErrorHandler {
 public:
  void handleError(::asmjit::Error error, const char* message, ::asmjit::BaseEmitter* origin) override;

  bool failed() const { return error_ != ::asmjit::kErrorOk; }
  // Throws CompileError("asmjit: emitting code failed: <message>") if an error was recorded.
  void throw_if_failed() const;

 private:
  ::asmjit::Error error_ = ::asmjit::kErrorOk;
  std::string message_;
};

// Throws CompileError("asmjit: <what> failed: <errorAsString>") unless `error` is kErrorOk.
void check(::asmjit::Error error, const char* what);

}  // namespace bf::asmjit
