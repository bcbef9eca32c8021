// DispatchTrace: per-handler, per-pair and per-instruction dispatch counts, printed at the end.
#include "engines/threaded/dispatch_trace.h"

#include <algorithm>
#include <cstdio>
#include <tuple>

namespace bf::threaded {

namespace {

const char* name_of(int kind) { return handler_name(static_cast<Handler>(kind)).data(); }

}  // namespace

DispatchTrace::DispatchTrace(const HandlerTable& table, const Inst* code)
    : table_(table), code_(code) {
  size_t length = 1;
  while (kind_of(code_[length - 1].handler) != static_cast<int>(Handler::kHalt)) ++length;
  per_instruction_.resize(length);
}

int DispatchTrace::kind_of(const void* handler) const {
  return static_cast<int>(std::find(table_.begin(), table_.end(), handler) - table_.begin());
}

void DispatchTrace::record(const Inst* ip) {
  const int kind = kind_of(ip->handler);
  if (kind >= kHandlerCount) return;
  ++runs_[kind];
  ++per_instruction_[static_cast<size_t>(ip - code_)];
  if (previous_ >= 0) ++pairs_[previous_][kind];
  previous_ = kind;
}

DispatchTrace::~DispatchTrace() {
  uint64_t total = 0;
  for (const uint64_t runs : runs_) total += runs;
  std::fprintf(stderr, "threaded trace: %llu dispatches\n", static_cast<unsigned long long>(total));
  for (int kind = 0; kind < kHandlerCount; ++kind) {
    if (runs_[kind] == 0) continue;
    std::fprintf(stderr, "  %14llu  %s\n", static_cast<unsigned long long>(runs_[kind]),
                 name_of(kind));
  }
  std::vector<std::tuple<uint64_t, int, int>> pairs;
  for (int a = 0; a < kHandlerCount; ++a) {
    for (int b = 0; b < kHandlerCount; ++b) {
      if (pairs_[a][b] > 0) pairs.emplace_back(pairs_[a][b], a, b);
    }
  }
  std::sort(pairs.rbegin(), pairs.rend());
  std::fprintf(stderr, "most frequent pairs:\n");
  for (size_t i = 0; i < pairs.size() && i < 20; ++i) {
    const auto& [count, a, b] = pairs[i];
    std::fprintf(stderr, "  %14llu  %s -> %s\n", static_cast<unsigned long long>(count),
                 name_of(a), name_of(b));
  }
  std::vector<std::pair<uint64_t, size_t>> hottest;
  for (size_t i = 0; i < per_instruction_.size(); ++i) {
    if (per_instruction_[i] > 0) hottest.emplace_back(per_instruction_[i], i);
  }
  std::sort(hottest.rbegin(), hottest.rend());
  std::fprintf(stderr, "hottest instructions (index: handler, arg):\n");
  for (size_t i = 0; i < hottest.size() && i < 30; ++i) {
    const auto& [count, index] = hottest[i];
    std::fprintf(stderr, "  %14llu  %5zu: %s, %d\n", static_cast<unsigned long long>(count), index,
                 name_of(kind_of(code_[index].handler)), code_[index].arg);
  }
}

}  // namespace bf::threaded
