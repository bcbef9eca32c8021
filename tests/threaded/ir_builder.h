// Hand-built IR for the threaded engine's tests, and the check that it runs as on the naive engine.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <initializer_list>

#include "core/program.h"
#include "tests/support/engine_runner.h"

namespace bf::testing::ir {

// One constructor per op kind; arguments in the order op.h documents them.
Op add(int32_t amount, int32_t offset = 0, uint32_t src = 0);
Op set(int32_t value, int32_t offset = 0, uint32_t src = 0);
Op move(int32_t distance);
Op out(int32_t offset = 0, uint32_t src = 0);
Op in(int32_t offset = 0, uint32_t src = 0);
Op loop(uint32_t src = 0);
Op end(uint32_t src = 0);
Op scan(int32_t stride, uint32_t src = 0, uint32_t src2 = 0);
Op mul_add(int32_t factor, int32_t offset, int32_t from = 0, uint32_t src = 0, uint32_t src2 = 0);

// The ops with their loops linked; fails the test if the result does not verify().
Program program(std::initializer_list<Op> ops);

// Runs the program on the threaded engine, checks that output and result equal the naive
// engine's on the same setup, and returns the threaded outcome for further expectations.
Outcome run_both(const Program& program, const RunSetup& setup = {});

}  // namespace bf::testing::ir
