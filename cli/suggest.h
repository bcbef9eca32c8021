// "Did you mean ...?": the closest known name to a misspelt command, option, engine or program.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace bf::cli {

// The candidate nearest to `typed` by edit distance (insert, delete, replace, swap two
// neighbours; case ignored), or "" when none is near enough to be a plausible typo: at most one
// edit per three characters typed, at least one.
std::string closest_name(std::string_view typed, const std::vector<std::string>& candidates);

// " (did you mean 'NAME'?)" for the closest candidate, or "" when there is none.
std::string did_you_mean(std::string_view typed, const std::vector<std::string>& candidates);

}  // namespace bf::cli
