#include "engines/cc/shared_library.h"

#include <dlfcn.h>
#include <elf.h>
#include <link.h>

#include "core/engine.h"

namespace bf::cc {

SharedLibrary::SharedLibrary(const std::string& path) {
  handle_ = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle_ == nullptr) {
    const char* error = ::dlerror();
    throw CompileError(std::string("cannot load the compiled code: ") +
                       (error != nullptr ? error : "dlopen failed"));
  }
}

SharedLibrary::~SharedLibrary() { ::dlclose(handle_); }

void* SharedLibrary::symbol(const char* name) const {
  ::dlerror();
  void* address = ::dlsym(handle_, name);
  if (address == nullptr) {
    throw CompileError(std::string("the compiled code lacks ") + name);
  }
  return address;
}

size_t SharedLibrary::function_size(void* address) {
  Dl_info info{};
  void* entry = nullptr;  // dladdr1 stores a const ElfW(Sym)* here
  if (::dladdr1(address, &info, &entry, RTLD_DL_SYMENT) == 0 || entry == nullptr) return 0;
  return static_cast<const ElfW(Sym)*>(entry)->st_size;
}

}  // namespace bf::cc
