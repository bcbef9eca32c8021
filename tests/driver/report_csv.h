// Reads a CSV report through Python's csv module (/usr/bin/python3), the reader scripts and
// spreadsheets' importers follow, so the test checks what they see rather than what we wrote.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace bf::testing {

struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;

  // The index of column `name`; fails the test (and returns 0) when there is none.
  size_t column(const std::string& name) const;
};

// std::nullopt when /usr/bin/python3 is missing (the caller skips, or fails under CI=true); a
// file that csv.reader(strict=True) rejects is a test failure.
std::optional<CsvTable> read_csv(const std::string& path);

}  // namespace bf::testing
