// TempDir: a private directory under $TMPDIR (or /tmp), removed with everything in it when dropped
// -- or, if bfbench is ended by a signal meanwhile, by process_cleanup.h.
#pragma once

#include <memory>
#include <string>

#include "core/runtime/process_cleanup.h"

namespace bf::cc {

class TempDir {
 public:
  // mkdtemp: a fresh name per call, so concurrent compiles never share files. Throws CompileError.
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
  std::unique_ptr<cleanup::TempDirectory> registered_;
};

}  // namespace bf::cc
