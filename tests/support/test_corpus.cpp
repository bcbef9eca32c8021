#include "tests/support/test_corpus.h"

#include <cstdlib>
#include <cstring>
#include <filesystem>

namespace bf::testing {

const Corpus& test_corpus() {
  static const Corpus corpus = load_corpus(std::filesystem::path(BFBENCH_SOURCE_DIR) / "corpus");
  return corpus;
}

bool running_in_ci() {
  const char* ci = std::getenv("CI");
  return ci != nullptr && std::strcmp(ci, "true") == 0;
}

bool third_party_available(std::string& why_not) {
  if (test_corpus().has_third_party) return true;
  why_not = "third-party corpus not fetched (run scripts/fetch-corpus)";
  return false;
}

}  // namespace bf::testing
