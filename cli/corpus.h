// Corpus: the programs bfbench runs and checks, read from manifest.tsv files.
//   corpus/manifest.tsv               the team's own programs (committed)
//   corpus/third_party/manifest.tsv   well-known programs brought in by scripts/fetch-corpus
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/runtime/io.h"
#include "core/runtime/run_result.h"

namespace bf {

struct CorpusEntry {
  std::string name;
  std::filesystem::path program;
  std::optional<std::filesystem::path> input;     // none: empty input
  std::optional<std::filesystem::path> expected;  // none: only the hash is known
  std::string expected_sha256;
  EofPolicy eof = EofPolicy::kKeep;
  std::optional<uint64_t> tape_cells;  // none: the default tape
  RunStatus expected_status = RunStatus::kOk;
  uint32_t expected_trap_byte = 0;  // when expected_status is a tape trap
  std::string category;
  std::string provenance;

  std::string read_program() const;
  std::string read_input() const;
  std::string read_expected() const;  // empty when there is no expected file
};

struct Corpus {
  std::vector<CorpusEntry> entries;
  bool has_third_party = false;  // corpus/third_party/manifest.tsv was found

  const CorpusEntry* find(const std::string& name) const;
};

// Reads DIR/manifest.tsv and, when present, DIR/third_party/manifest.tsv. Throws
// std::runtime_error naming the file and line of a malformed manifest.
Corpus load_corpus(const std::filesystem::path& dir);

// $BFBENCH_CORPUS if set, else the corpus/ folder of the source tree this binary was built from.
std::filesystem::path default_corpus_dir();

// Names of the well-known programs that fetch-corpus brings (used to say what is missing).
const std::vector<std::string>& third_party_program_names();

}  // namespace bf
