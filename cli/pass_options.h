// The pass switch on the command line, for every bfbench command (run, ir, asm, explore, measure
// and the benchmark driver): `--disable-pass NAME[,NAME...]` (repeatable) skips those passes,
// `--only-passes LIST` runs only those ("" runs none). Taken out of argv before the command parses
// the rest, so each command's own options stay as they are (core/passes/pass_switch.h).
#pragma once

namespace bf::cli {

// Applies and removes the pass options from argv (argc shrinks). A name that is not a pass, or
// both options at once, is a UsageError.
void take_pass_options(int& argc, char** argv);

}  // namespace bf::cli
