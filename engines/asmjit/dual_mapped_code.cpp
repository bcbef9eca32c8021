#include "engines/asmjit/dual_mapped_code.h"

#include <cstring>
#include <string>
#include <utility>

#include "core/engine.h"

namespace bf::asmjit {

namespace {

// The read-execute view of one allocation; gives it back to the allocator when the executable dies.
class DualMappedCode final : public jit::ExecutableCode {
 public:
  DualMappedCode(std::shared_ptr<::asmjit::JitAllocator> allocator, const uint8_t* rx, size_t size)
      : allocator_(std::move(allocator)), rx_(rx), size_(size) {}
  DualMappedCode(const DualMappedCode&) = delete;
  DualMappedCode& operator=(const DualMappedCode&) = delete;
  ~DualMappedCode() override { allocator_->release(const_cast<uint8_t*>(rx_)); }

  std::span<const uint8_t> bytes() const override { return {rx_, size_}; }

 private:
  std::shared_ptr<::asmjit::JitAllocator> allocator_;
  const uint8_t* rx_;
  size_t size_;
};

}  // namespace

DualMappedAllocator::DualMappedAllocator() {
  ::asmjit::JitAllocator::CreateParams params{};
  params.options = ::asmjit::JitAllocatorOptions::kUseDualMapping;
  allocator_ = std::make_shared<::asmjit::JitAllocator>(&params);
}

std::unique_ptr<const jit::ExecutableCode> DualMappedAllocator::install(
    std::span<const uint8_t> code) const {
  void* rx = nullptr;
  void* rw = nullptr;
  const ::asmjit::Error error = allocator_->alloc(&rx, &rw, code.size());
  if (error != ::asmjit::kErrorOk) {
    throw CompileError(
        std::string("asmjit: cannot allocate dual-mapped code memory (a read-execute and a "
                    "read-write view of one memfd): ") +
        ::asmjit::DebugUtils::errorAsString(error));
  }
  // Owned from here on, so a throw below still releases it.
  auto installed =
      std::make_unique<DualMappedCode>(allocator_, static_cast<const uint8_t*>(rx), code.size());
  if (rx == rw) {
    // One view for both would be writable and executable at once; dual mapping never gives that.
    throw CompileError("asmjit: JitAllocator returned a single read-write-execute mapping");
  }
  std::memcpy(rw, code.data(), code.size());
  // A no-op on x86-64, where instruction fetch sees stores; AsmJit's contract asks for it.
  ::asmjit::VirtMem::flushInstructionCache(rx, code.size());
  return installed;
}

}  // namespace bf::asmjit
