// cc_translate FILE [LEVEL] [--count-steps]: prints the C the cc engine generates for a program
// (used by scripts/cc-compile-cost, which compiles it beside a plain run-length translation).
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>

#include "core/engine.h"
#include "core/parser.h"
#include "core/passes/pipeline.h"
#include "core/source.h"
#include "engines/cc/c_translator.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: cc_translate FILE [0-3] [--count-steps]\n");
    return 64;
  }
  int level = 3;
  bf::CompileOptions options;
  for (int i = 2; i < argc; ++i) {
    if (std::strcmp(argv[i], "--count-steps") == 0) {
      options.count_steps = true;
    } else {
      level = std::stoi(argv[i]);
    }
  }
  try {
    const bf::Source source = bf::read_source_file(argv[1]);
    const bf::Program program = bf::optimize(bf::parse(source), level);
    std::cout << bf::cc::translate_to_c(program, options);
  } catch (const bf::SourceReadError& error) {
    std::fprintf(stderr, "cc_translate: %s\n", error.message.c_str());
    return 66;
  }
  return 0;
}
