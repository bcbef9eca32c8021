#include "tests/driver/report_csv.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <sstream>

#include "tests/support/process.h"

namespace bf::testing {

namespace {

const char* const kPython = "/usr/bin/python3";

// Prints every row as its cells separated by \x1f, with a cell's own line breaks as \x1e, one
// row per line: unambiguous for the C++ side, whatever the cells hold.
const char* const kReader =
    "import csv, sys\n"
    "with open(sys.argv[1], newline='') as f:\n"
    "    for row in csv.reader(f, strict=True):\n"
    "        print('\\x1f'.join(c.replace('\\n', '\\x1e') for c in row))\n";

std::vector<std::string> split(const std::string& line, char separator) {
  std::vector<std::string> cells;
  std::string cell;
  std::istringstream in(line);
  while (std::getline(in, cell, separator)) cells.push_back(cell);
  if (!line.empty() && line.back() == separator) cells.emplace_back();
  return cells;
}

}  // namespace

size_t CsvTable::column(const std::string& name) const {
  for (size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return i;
  }
  ADD_FAILURE() << "no column " << name;
  return 0;
}

std::optional<CsvTable> read_csv(const std::string& path) {
  if (::access(kPython, X_OK) != 0) return std::nullopt;
  const ProcessResult r = run_process({kPython, "-c", kReader, path});
  EXPECT_EQ(r.exit_code, 0) << path << " is not CSV to Python's csv module: " << r.err;
  CsvTable table;
  std::istringstream lines(r.out);
  std::string line;
  if (std::getline(lines, line)) table.header = split(line, '\x1f');
  while (std::getline(lines, line)) table.rows.push_back(split(line, '\x1f'));
  return table;
}

}  // namespace bf::testing
