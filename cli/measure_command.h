// `bfbench measure`: one engine, one corpus program, one level, once -- the regression gate's
// workload. Its phases are separate extern "C" functions so callgrind can count each one apart.
#pragma once

namespace bf::cli {

int measure_command(int argc, char** argv);

}  // namespace bf::cli
