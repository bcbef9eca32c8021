// Watchdog: ends a run after a wall-clock limit by emptying its step budget from another thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "core/runtime/run_state.h"

namespace bf {

// Starts timing on construction; the destructor stops the thread. The run must be compiled with
// CompileOptions::count_steps so that it looks at the budget.
class Watchdog {
 public:
  Watchdog(RunState& state, std::chrono::duration<double> limit);
  ~Watchdog();
  Watchdog(const Watchdog&) = delete;
  Watchdog& operator=(const Watchdog&) = delete;

 private:
  void watch(std::chrono::duration<double> limit);

  RunState& state_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool done_ = false;
  std::thread thread_;
};

}  // namespace bf
