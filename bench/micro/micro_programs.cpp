#include "bench/micro/micro_programs.h"

#include <stdexcept>

#include "cli/corpus.h"
#include "core/parser.h"

namespace bf::micro {

std::vector<MicroProgram> load_micro_programs() {
  const Corpus corpus = load_corpus(default_corpus_dir());
  bool any_benchmark = false;
  for (const CorpusEntry& entry : corpus.entries) any_benchmark |= entry.category == "benchmark";
  std::vector<MicroProgram> programs;
  for (const CorpusEntry& entry : corpus.entries) {
    if (entry.expected_status != RunStatus::kOk) continue;
    if (any_benchmark && entry.category != "benchmark") continue;
    Source source(entry.program.string(), entry.read_program());
    try {
      Program parsed = parse(source);
      programs.push_back(MicroProgram{entry.name, std::move(source), std::move(parsed)});
    } catch (const ParseError& error) {
      throw std::runtime_error(source.describe(error.byte) + ": " + error.message);
    }
  }
  return programs;
}

}  // namespace bf::micro
