#include "core/runtime/watchdog.h"

#include "core/runtime/process_cleanup.h"

namespace bf {

Watchdog::Watchdog(RunState& state, std::chrono::duration<double> limit)
    : state_(state), thread_([this, limit] {
        cleanup::block_end_signals_in_this_thread();  // they belong to the main thread
        watch(limit);
      }) {}

Watchdog::~Watchdog() {
  {
    std::lock_guard lock(mutex_);
    done_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void Watchdog::watch(std::chrono::duration<double> limit) {
  std::unique_lock lock(mutex_);
  if (wake_.wait_for(lock, limit, [this] { return done_; })) return;
  state_.timed_out.store(true, std::memory_order_relaxed);
  cleanup::kill_child_groups();  // a compile still running (cc) fails at once
  // Generated code decrements the budget with a plain read-modify-write that can overwrite one
  // store of ours, so keep storing until the run has ended.
  do {
    state_.budget.store(0, std::memory_order_relaxed);
  } while (!wake_.wait_for(lock, std::chrono::milliseconds(5), [this] { return done_; }));
}

}  // namespace bf
