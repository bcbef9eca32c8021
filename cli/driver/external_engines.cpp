#include "cli/driver/external_engines.h"

#include <fstream>
#include <sstream>

#include "cli/cli_common.h"

#ifndef BFBENCH_SOURCE_DIR
#error "BFBENCH_SOURCE_DIR must be defined by the build"
#endif

namespace bf::driver {

namespace {

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::istringstream in(text);
  for (std::string part; std::getline(in, part, separator);) parts.push_back(part);
  return parts;
}

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  for (size_t at = 0; (at = text.find(from, at)) != std::string::npos; at += to.size()) {
    text.replace(at, from.size(), to);
  }
}

ExternalEngine parse_row(const std::vector<std::string>& fields, const std::string& where) {
  if (fields.size() != 5) throw cli::UsageError{where + ": want 5 tab-separated columns (name, cells, eof, tape, command)"};
  ExternalEngine engine;
  engine.name = fields[0];
  try {
    engine.cell_bits = std::stoi(fields[1]);
    if (fields[3] != "-") engine.tape_cells = std::stoull(fields[3]);
  } catch (const std::exception&) {
    throw cli::UsageError{where + ": cells and tape must be numbers (tape may be -)"};
  }
  if (!parse_eof_name(fields[2], engine.eof)) {
    throw cli::UsageError{where + ": eof must be keep, 0 or 255, not '" + fields[2] + "'"};
  }
  engine.command = fields[4];
  if (engine.name.empty() || engine.command.find("{prog}") == std::string::npos) {
    throw cli::UsageError{where + ": an engine needs a name and a command with {prog}"};
  }
  return engine;
}

}  // namespace

std::vector<std::string> ExternalEngine::argv_for(const std::filesystem::path& program,
                                                  const std::filesystem::path& input) const {
  std::vector<std::string> words;
  std::istringstream in(command);
  for (std::string word; in >> word;) {
    replace_all(word, "{prog}", program.string());
    replace_all(word, "{input}", input.string());
    replace_all(word, "{here}", here.string());
    words.push_back(word);
  }
  return words;
}

std::string ExternalEngine::cannot_run(const CorpusEntry& entry) const {
  // Every expected output in the corpus is for 8-bit wrapping cells.
  if (cell_bits != 8) {
    return "the expected output assumes 8-bit cells; " + name + " has " + std::to_string(cell_bits) +
           "-bit cells";
  }
  if (entry.input && eof != entry.eof) {
    return "the expected output assumes EOF " + std::string(eof_name(entry.eof)) + "; " + name +
           " gives " + std::string(eof_name(eof));
  }
  if (tape_cells && entry.tape_cells && *tape_cells < *entry.tape_cells) {
    return "needs " + std::to_string(*entry.tape_cells) + " cells; " + name + " offers " +
           std::to_string(*tape_cells);
  }
  return "";
}

std::vector<ExternalEngine> load_external_engines(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw cli::UsageError{"cannot read the engines file " + file.string()};
  std::vector<ExternalEngine> engines;
  int number = 0;
  bool header = true;
  for (std::string line; std::getline(in, line);) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    if (header) {  // the first other line names the columns
      header = false;
      continue;
    }
    engines.push_back(parse_row(split(line, '\t'), file.string() + ":" + std::to_string(number)));
    engines.back().here = std::filesystem::absolute(file).parent_path();
  }
  return engines;
}

std::filesystem::path default_engines_file() {
  return std::filesystem::path(BFBENCH_SOURCE_DIR) / "engines" / "external.tsv";
}

std::vector<ExternalEngine> take_external_engines(std::vector<std::string>& names,
                                                  const std::filesystem::path& engines_file) {
  std::vector<std::string> builtin;
  std::vector<std::string> wanted;
  for (const std::string& name : names) {
    (name.rfind("ext:", 0) == 0 ? wanted : builtin).push_back(name);
  }
  names = builtin;
  if (wanted.empty()) return {};
  const std::vector<ExternalEngine> known = load_external_engines(engines_file);
  std::vector<ExternalEngine> chosen;
  for (const std::string& name : wanted) {
    const std::string bare = name.substr(4);
    bool found = false;
    for (const ExternalEngine& engine : known) {
      if (bare == "*" || engine.name == bare) {
        chosen.push_back(engine);
        found = true;
      }
    }
    if (!found) {
      std::string valid;
      for (const ExternalEngine& engine : known) valid += (valid.empty() ? "" : ", ") + ("ext:" + engine.name);
      throw cli::UsageError{"unknown external engine '" + name + "' in " + engines_file.string() +
                            " (valid: ext:*" + (valid.empty() ? "" : ", " + valid) + ")"};
    }
  }
  return chosen;
}

}  // namespace bf::driver
