// `bfbench run` in bfbench-tools: its options read by the full parser (Boost.Program_options),
// --help printed, then run_program (run_program.h). The front door reads plain options itself.
#pragma once

namespace bf::cli {

int run_command(int argc, char** argv);

}  // namespace bf::cli
