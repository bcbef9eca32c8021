#include "cli/corpus.h"

#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

#include "core/runtime/tape.h"

#ifndef BFBENCH_SOURCE_DIR
#error "BFBENCH_SOURCE_DIR must be defined by the build"
#endif

namespace bf {

namespace {

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path.string() + ": cannot read");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> fields;
  std::string field;
  std::istringstream in(line);
  while (std::getline(in, field, '\t')) fields.push_back(field);
  return fields;
}

EofPolicy parse_eof(const std::string& text, const std::string& where) {
  if (text == "keep") return EofPolicy::kKeep;
  if (text == "0") return EofPolicy::kZero;
  if (text == "255") return EofPolicy::kMax;
  throw std::runtime_error(where + ": eof must be keep, 0 or 255, not '" + text + "'");
}

// "ok", "tape-overflow@123", "tape-underflow@7"
void parse_status(const std::string& text, const std::string& where, CorpusEntry& entry) {
  if (text == "ok") return;
  const auto at = text.find('@');
  const std::string kind = text.substr(0, at);
  if (kind == "tape-overflow") entry.expected_status = RunStatus::kTapeOverflow;
  else if (kind == "tape-underflow") entry.expected_status = RunStatus::kTapeUnderflow;
  else throw std::runtime_error(where + ": unknown status '" + text + "'");
  if (at == std::string::npos) throw std::runtime_error(where + ": status needs @BYTE");
  entry.expected_trap_byte = static_cast<uint32_t>(std::stoul(text.substr(at + 1)));
}

void read_manifest(const std::filesystem::path& dir, Corpus& corpus) {
  const std::filesystem::path manifest = dir / "manifest.tsv";
  std::istringstream lines(read_file(manifest));
  std::string line;
  std::vector<std::string> header;
  for (int number = 1; std::getline(lines, line); ++number) {
    if (line.empty() || line[0] == '#') continue;
    const std::vector<std::string> fields = split_tabs(line);
    if (header.empty()) {
      header = fields;
      continue;
    }
    const std::string where = manifest.string() + ":" + std::to_string(number);
    if (fields.size() != header.size()) {
      throw std::runtime_error(where + ": expected " + std::to_string(header.size()) + " fields");
    }
    std::map<std::string, std::string> row;
    for (size_t i = 0; i < header.size(); ++i) row[header[i]] = fields[i];
    CorpusEntry entry;
    entry.name = row["name"];
    entry.program = dir / row["program"];
    if (row["input"] != "-") entry.input = dir / row["input"];
    if (row["expected"] != "-") entry.expected = dir / row["expected"];
    entry.expected_sha256 = row["expected_sha256"];
    entry.eof = parse_eof(row["eof"], where);
    if (row["tape"] != "-") entry.tape_cells = std::stoull(row["tape"]);
    parse_status(row["status"], where, entry);
    entry.category = row["category"];
    entry.provenance = row["provenance"];
    corpus.entries.push_back(std::move(entry));
  }
}

}  // namespace

std::string CorpusEntry::read_program() const { return read_file(program); }

std::string CorpusEntry::read_input() const { return input ? read_file(*input) : std::string(); }

std::string CorpusEntry::read_expected() const {
  return expected ? read_file(*expected) : std::string();
}

const CorpusEntry* Corpus::find(const std::string& name) const {
  for (const CorpusEntry& entry : entries) {
    if (entry.name == name) return &entry;
  }
  return nullptr;
}

Corpus load_corpus(const std::filesystem::path& dir) {
  Corpus corpus;
  read_manifest(dir, corpus);
  if (std::filesystem::exists(dir / "third_party" / "manifest.tsv")) {
    read_manifest(dir / "third_party", corpus);
    corpus.has_third_party = true;
  }
  return corpus;
}

std::filesystem::path default_corpus_dir() {
  if (const char* dir = std::getenv("BFBENCH_CORPUS"); dir != nullptr && *dir != '\0') return dir;
  return std::filesystem::path(BFBENCH_SOURCE_DIR) / "corpus";
}

const std::vector<std::string>& third_party_program_names() {
  static const std::vector<std::string> names = {"mandelbrot", "hanoi", "factor", "long", "bench"};
  return names;
}

}  // namespace bf
