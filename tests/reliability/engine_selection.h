// Which engines the differential checks run: every available one, with the slow compilers sampled.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/engine_registry.h"

namespace bf::testing {

// An engine whose compile of a small program takes longer than this (median of three) compiles
// through an external tool (cc: ~0.1 s) and would cut a fuzzer's rate a hundredfold if it ran on
// every case.
inline constexpr double kSlowCompileSeconds = 0.02;
// Such engines run on one case in this many, picked by the case's hash, so a saved input that
// failed on one of them fails again when replayed.
inline constexpr uint64_t kSlowEngineEvery = 32;

struct EngineSelection {
  std::vector<const EngineInfo*> all;   // every available engine, registry order, naive first
  std::vector<const EngineInfo*> fast;  // those that compile quickly
  std::vector<std::string> unavailable;  // "name: reason", for a note on what is not covered

  // The engines a case runs on: all when `case_hash` picks the slow ones too (one hash in `every`),
  // else the fast ones.
  std::span<const EngineInfo* const> for_case(uint64_t case_hash,
                                              uint64_t every = kSlowEngineEvery) const;
};

// Every available engine of this build, timed once. BFBENCH_FUZZ_ENGINES=naive,cc (a comma list)
// restricts the choice to those names and makes them all count as fast (to chase one engine).
EngineSelection select_engines();

// FNV-1a over the bytes: a case's identity for the sampling rule, the same on every platform.
uint64_t case_hash(std::span<const uint8_t> bytes);

}  // namespace bf::testing
