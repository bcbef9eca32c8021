// `bfbench explore`: one self-contained HTML page that links a program's source, its IR after
// each pass, every JIT's machine code and the threaded engine's stream, coloured by a counting
// run's execution counts (explore_data.h gathers, page.html/.css/.js show).
#pragma once

namespace bf::cli {

int explore_command(int argc, char** argv);

}  // namespace bf::cli
