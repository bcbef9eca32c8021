// `bfbench run`: parse, optimize, compile and run one program with the chosen engine.
#pragma once

namespace bf::cli {

int run_command(int argc, char** argv);

}  // namespace bf::cli
