// The corpus as the tests see it: the team's programs always, the third-party ones when fetched.
#pragma once

#include <string>

#include "cli/corpus.h"

namespace bf::testing {

// Loaded once. When the third-party programs are missing, tests that need them skip with a
// message saying how to fetch them -- except under CI=true, where their absence is a failure.
const Corpus& test_corpus();

// Call at the start of a test that needs a third-party program: GTEST_SKIP or FAIL as above.
// Returns true when the test should go on.
bool third_party_available(std::string& why_not);

bool running_in_ci();

}  // namespace bf::testing
