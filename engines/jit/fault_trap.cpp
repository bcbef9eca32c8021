#include "engines/jit/fault_trap.h"

#include <signal.h>
#include <ucontext.h>

#include <mutex>

namespace bf::jit {

// The run this thread is executing, read by the signal handler. initial-exec TLS: reading it
// from a signal handler must not allocate.
__attribute__((tls_model("initial-exec"))) thread_local FaultScope* active_scope = nullptr;

namespace {

std::mutex install_mutex;
struct sigaction previous_action;  // what ran before us; restored for faults that are not ours

void on_segv(int signal, siginfo_t* info, void* context) {
  auto* uc = static_cast<ucontext_t*>(context);
  const auto rip = static_cast<uintptr_t>(uc->uc_mcontext.gregs[REG_RIP]);
  FaultScope* scope = active_scope;
  if (scope != nullptr && scope->owns(rip, info->si_addr)) {
    uc->uc_mcontext.gregs[REG_RIP] = static_cast<greg_t>(scope->take(rip, info->si_addr));
    return;
  }
  // Not a tape access of generated code: a genuine crash. Put the previous disposition back and
  // return; the instruction faults again and the previous handler (or the default) deals with it.
  (void)signal;
  sigaction(SIGSEGV, &previous_action, nullptr);
}

}  // namespace

bool ensure_fault_handler() noexcept {
  std::lock_guard<std::mutex> lock(install_mutex);
  struct sigaction current {};
  if (sigaction(SIGSEGV, nullptr, &current) != 0) return false;
  if ((current.sa_flags & SA_SIGINFO) != 0 && current.sa_sigaction == on_segv) return true;
  struct sigaction ours {};
  ours.sa_sigaction = on_segv;
  ours.sa_flags = SA_SIGINFO | SA_ONSTACK;
  sigemptyset(&ours.sa_mask);
  struct sigaction replaced {};
  if (sigaction(SIGSEGV, &ours, &replaced) != 0) return false;
  previous_action = replaced;
  return true;
}

FaultScope::FaultScope(std::span<const uint8_t> code, const Tape& tape, const uint8_t* trap_exit)
    : code_begin_(reinterpret_cast<uintptr_t>(code.data())),
      code_end_(reinterpret_cast<uintptr_t>(code.data() + code.size())),
      tape_(tape),
      trap_exit_(reinterpret_cast<uintptr_t>(trap_exit)),
      outer_(active_scope) {
  active_scope = this;
}

FaultScope::~FaultScope() { active_scope = outer_; }

}  // namespace bf::jit
