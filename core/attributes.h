// Function attributes that GCC and clang spell differently.
#pragma once

// A function that must stay one real function at one address: never inlined, never cloned into a
// specialised copy. `noclone` is GCC's own (clang does not clone such functions and warns on it).
#if defined(__clang__)
#define BF_NOINLINE_NOCLONE __attribute__((noinline))
#else
#define BF_NOINLINE_NOCLONE __attribute__((noinline, noclone))
#endif
