#include "tests/jit/ir_build.h"

#include <stdexcept>
#include <string>

namespace bf::testing::ir {

Program program(std::vector<Op> ops) {
  Program result{std::move(ops)};
  link_loops(result);
  if (const std::string problem = verify(result); !problem.empty()) {
    throw std::invalid_argument("test IR is malformed: " + problem);
  }
  return result;
}

}  // namespace bf::testing::ir
