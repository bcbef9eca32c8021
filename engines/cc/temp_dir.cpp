#include "engines/cc/temp_dir.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <vector>

#include "core/engine.h"

namespace bf::cc {

TempDir::TempDir() {
  const char* root = std::getenv("TMPDIR");
  std::string pattern = (root != nullptr && *root != '\0') ? root : "/tmp";
  pattern += "/bfbench-cc-XXXXXX";
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  const cleanup::EndSignalsHeld held;  // until the directory is registered
  if (::mkdtemp(name.data()) == nullptr) {
    throw CompileError("cannot create a temporary directory " + pattern + ": " +
                       std::strerror(errno));
  }
  path_ = name.data();
  registered_ = std::make_unique<cleanup::TempDirectory>(path_);
}

TempDir::~TempDir() {
  registered_.reset();
  std::error_code ignored;  // a destructor cannot report; nothing else holds these files
  std::filesystem::remove_all(path_, ignored);
}

}  // namespace bf::cc
