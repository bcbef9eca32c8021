#include "tests/driver/tiny_corpus.h"

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "cli/sha256.h"

namespace bf::testing {

namespace {

void write(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

}  // namespace

std::string write_tiny_corpus(const std::string& name, const std::vector<TinyProgram>& programs) {
  const std::filesystem::path dir = std::filesystem::path(::testing::TempDir()) / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::string manifest = "name\tprogram\tinput\texpected\texpected_sha256\teof\ttape\tstatus\tcategory\tprovenance\n";
  for (const TinyProgram& p : programs) {
    write(dir / (p.name + ".b"), p.code);
    std::string input = "-";
    if (!p.input.empty()) {
      input = p.name + ".in";
      write(dir / input, p.input);
    }
    const std::string hash = sha256_hex(p.wrong_hash ? p.expected_output + "?" : p.expected_output);
    manifest += p.name + "\t" + p.name + ".b\t" + input + "\t-\t" + hash + "\t" + p.eof + "\t" + p.tape +
                "\t" + p.status + "\t" + p.category + "\twritten for the driver tests\n";
  }
  write(dir / "manifest.tsv", manifest);
  return dir.string();
}

std::vector<TinyProgram> tiny_programs() {
  return {
      // 8 * 12 + 1 = 97 'a', then 'b', then 10 '\n'.
      {"letters", "++++++++[>++++++++++++<-]>+.+.>++++++++++.", "ab\n"},
      {"echo", ",[.,]", "echo me\n", "echo me\n", "0"},
      {"last", std::string(4095, '>') + std::string(49, '+') + ".", "1", "", "keep", "4096"},
  };
}

}  // namespace bf::testing
