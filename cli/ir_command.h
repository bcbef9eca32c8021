// `bfbench ir`: print a program's IR after the optimizer, list the passes, or show per-pass stats.
#pragma once

namespace bf::cli {

int ir_command(int argc, char** argv);

}  // namespace bf::cli
