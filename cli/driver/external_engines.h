// ExternalEngine: a Brainf*ck implementation that is not ours, run as a whole process from a
// command template in an engines file (engines/external.tsv), with the machine it offers.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "cli/corpus.h"
#include "core/runtime/io.h"

namespace bf::driver {

struct ExternalEngine {
  std::string name;                 // used as ext:NAME on the command line
  int cell_bits = 8;                // the cells it implements
  EofPolicy eof = EofPolicy::kKeep; // what ',' does at end of input
  std::optional<uint64_t> tape_cells;  // none: as large as anyone needs
  std::string command;              // words; {prog}, {input} and {here} are filled in

  // The command for one program: {prog} and {input} become the paths, {here} the engines file's
  // folder. Words are split at blanks; stdin is the input and stdout the output either way.
  std::vector<std::string> argv_for(const std::filesystem::path& program,
                                    const std::filesystem::path& input) const;
  // Empty when this engine can run `entry` as the manifest expects it, else why not ("needs 8-bit
  // cells; tritium16 has 16-bit cells").
  std::string cannot_run(const CorpusEntry& entry) const;

  std::filesystem::path here;  // the folder of the engines file
};

// Reads a TSV file with the columns name, cells, eof, tape, command ('#' lines are comments).
// Throws cli::UsageError naming the file and line of anything malformed, or a missing file.
std::vector<ExternalEngine> load_external_engines(const std::filesystem::path& file);

// engines/external.tsv of the source tree this binary was built from.
std::filesystem::path default_engines_file();

// From --engine's names: takes out the ext:NAME ones (ext:* is every engine in the file) and
// returns them; `names` keeps the built-in ones. Unknown names are a cli::UsageError.
std::vector<ExternalEngine> take_external_engines(std::vector<std::string>& names,
                                                  const std::filesystem::path& engines_file);

}  // namespace bf::driver
