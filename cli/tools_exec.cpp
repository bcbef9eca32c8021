#include "cli/tools_exec.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace bf::cli {

namespace {

constexpr const char* kToolsName = "bfbench-tools";

std::string own_directory() {
  char path[4096];
  const ssize_t length = ::readlink("/proc/self/exe", path, sizeof path - 1);
  if (length <= 0) return ".";
  const std::string self(path, static_cast<size_t>(length));
  const size_t slash = self.rfind('/');
  return slash == std::string::npos ? "." : self.substr(0, slash);
}

}  // namespace

std::string tools_executable_path() {
  const std::string dir = own_directory();
  for (const std::string& candidate :
       {dir + "/" + kToolsName, dir + "/../libexec/bfbench/" + kToolsName}) {
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return {};
}

void exec_tools(char** argv) {
  const std::string path = tools_executable_path();
  if (path.empty()) {
    std::fprintf(stderr, "bfbench: %s not found beside %s or in its ../libexec/bfbench/\n",
                 kToolsName, own_directory().c_str());
    return;
  }
  ::execv(path.c_str(), argv);
  std::fprintf(stderr, "bfbench: cannot run %s: %s\n", path.c_str(), std::strerror(errno));
}

}  // namespace bf::cli
