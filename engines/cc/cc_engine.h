// The cc engine: the optimized IR translated to C, compiled by the system C compiler (-O2) and
// loaded with dlopen. The "limit" the JITs are measured against: what an optimizing compiler buys
// at run time, and what it costs at compile time.
#pragma once

#include <memory>

#include "core/engine_registry.h"
#include "engines/cc/c_compiler.h"
#include "engines/cc/c_translator.h"

namespace bf::cc {

// Unavailable, with the reason, when no C compiler is found at run time.
EngineInfo engine_info();

// The engine with a given compiler (tests use it to try a failing one) and function length (tests
// use short ones, so that small programs are cut into many functions too).
std::unique_ptr<Engine> make_engine(CCompiler compiler, size_t max_function_ops = kMaxFunctionOps);

}  // namespace bf::cc
