// ComparisonError: bad input to a comparison of results (a missing directory or file,
// JSON that does not parse, a bad tolerances file). The message is complete and names
// the file; commands print it and exit 2.
#pragma once

#include <stdexcept>
#include <string>

namespace fleetsim::output {

class ComparisonError : public std::runtime_error {
 public:
  explicit ComparisonError(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace fleetsim::output
