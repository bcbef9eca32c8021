// Forwards to the test kit's IR builder for the emitter suites edited on main meanwhile
// (xbyak_emitter_test.cpp, asmjit_emitter_test.cpp); new code includes tests/support/ir_builder.h.
#pragma once

#include "tests/support/ir_builder.h"
