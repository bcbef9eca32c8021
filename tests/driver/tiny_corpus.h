// A tiny corpus written at test time: a few programs, their inputs and a manifest whose hashes
// come from the expected outputs given here (or are deliberately wrong).
#pragma once

#include <string>
#include <vector>

namespace bf::testing {

struct TinyProgram {
  std::string name;
  std::string code;
  std::string expected_output;
  std::string input{};             // empty: no input file
  std::string eof = "keep";
  std::string tape = "-";          // cells, or "-" for the default tape
  std::string status = "ok";       // or "tape-overflow@BYTE", ...
  std::string category = "benchmark";
  bool wrong_hash = false;         // write a hash that no output has
};

// Writes the programs and DIR/manifest.tsv; returns DIR. DIR is created fresh under the test's
// temporary folder.
std::string write_tiny_corpus(const std::string& name, const std::vector<TinyProgram>& programs);

// The programs most driver tests use: "letters" prints "ab\n" with a loop of 8 iterations,
// "echo" copies its input (EOF 0), "last" writes the last cell of a 4096-cell tape.
std::vector<TinyProgram> tiny_programs();

}  // namespace bf::testing
