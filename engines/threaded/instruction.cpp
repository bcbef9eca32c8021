// Handler names, for decoder dumps in tests and debugging.
#include "engines/threaded/instruction.h"

namespace bf::threaded {

std::string_view handler_name(Handler handler) {
  switch (handler) {
    case Handler::kHalt: return "halt";
    case Handler::kAdd: return "add";
    case Handler::kSet: return "set";
    case Handler::kMove: return "move";
    case Handler::kOut: return "out";
    case Handler::kIn: return "in";
    case Handler::kLoopBegin: return "loop";
    case Handler::kLoopEnd: return "end";
    case Handler::kMoveLoopEnd: return "move-end";
    case Handler::kScanRight: return "scan-right";
    case Handler::kScanLeft: return "scan-left";
    case Handler::kScan: return "scan";
    case Handler::kMulAdd: return "muladd";
    case Handler::kMulAddGroup: return "muladd-group";
    case Handler::kMulAddGroupClear: return "muladd-group-clear";
  }
  return "?";
}

}  // namespace bf::threaded
