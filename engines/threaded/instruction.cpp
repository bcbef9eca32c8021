// Handler names, for decoder dumps in tests and dispatch traces.
#include "engines/threaded/instruction.h"

namespace bf::threaded {

std::string_view handler_name(Handler handler) {
  switch (handler) {
    case Handler::kHalt: return "halt";
    case Handler::kAdd: return "add";
    case Handler::kAddEnd: return "add-end";
    case Handler::kAddBegin: return "add-begin";
    case Handler::kSet: return "set";
    case Handler::kSetEnd: return "set-end";
    case Handler::kSetBegin: return "set-begin";
    case Handler::kWrites: return "writes";
    case Handler::kWritesEnd: return "writes-end";
    case Handler::kWritesBegin: return "writes-begin";
    case Handler::kWrites2: return "writes2";
    case Handler::kWrites2End: return "writes2-end";
    case Handler::kWrites2Begin: return "writes2-begin";
    case Handler::kMove: return "move";
    case Handler::kOut: return "out";
    case Handler::kIn: return "in";
    case Handler::kLoopBegin: return "loop";
    case Handler::kLoopEnd: return "end";
    case Handler::kScanRight: return "scan-right";
    case Handler::kScanLeft: return "scan-left";
    case Handler::kScan: return "scan";
    case Handler::kSeek: return "seek";
    case Handler::kProduct: return "product";
    case Handler::kMulAdd: return "muladd";
    case Handler::kMulAdd1: return "muladd1";
    case Handler::kMulAddSet: return "muladd-set";
    case Handler::kMulAddSetEnd: return "muladd-set-end";
    case Handler::kMulAddSetBegin: return "muladd-set-begin";
    case Handler::kMulAdd1Set: return "muladd1-set";
    case Handler::kMulAdd1SetEnd: return "muladd1-set-end";
    case Handler::kMulAdd1SetBegin: return "muladd1-set-begin";
    case Handler::kMulAdd1SetLoop: return "muladd1-set-loop";
    case Handler::kBlockLoop: return "block-loop";
    case Handler::kBlockLoop1: return "block-loop1";
    case Handler::kAddLoop2: return "add-loop2";
  }
  return "?";
}

}  // namespace bf::threaded
