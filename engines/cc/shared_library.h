// SharedLibrary: a dlopen'd object, closed when dropped, with symbol lookup.
#pragma once

#include <cstddef>
#include <string>

namespace bf::cc {

class SharedLibrary {
 public:
  // RTLD_NOW | RTLD_LOCAL: every symbol resolved up front, none visible to other libraries.
  // Throws CompileError with dlerror()'s text.
  explicit SharedLibrary(const std::string& path);
  ~SharedLibrary();
  SharedLibrary(const SharedLibrary&) = delete;
  SharedLibrary& operator=(const SharedLibrary&) = delete;

  // The address of a defined symbol; throws CompileError when it is missing.
  void* symbol(const char* name) const;

  // The size the ELF symbol table records for the function at `address` (0 if unknown).
  static size_t function_size(void* address);

 private:
  void* handle_ = nullptr;
};

}  // namespace bf::cc
