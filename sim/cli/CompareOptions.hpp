// CompareOptions: the options `fleetsim compare` and `fleetsim regress` share:
// --rel R | --tolerances FILE, --junit FILE, --markdown FILE.
//
// Models how a command decides tolerances: a tolerances file, else --rel (default 0.05).
// Bad values are UsageError (exit 2); a bad tolerances file is output::ComparisonError.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "output/Tolerances.hpp"

namespace fleetsim::cli {

class CompareOptions {
 public:
  // Consumes args[i] (and its value) when it is one of these options; false otherwise.
  bool consume(const std::vector<std::string>& args, std::size_t& i);
  // Throws UsageError when options conflict (call after the last consume).
  void check() const;
  // The tolerances to use (loads the file); throws output::ComparisonError.
  output::Tolerances tolerances() const;

  const std::string& junit() const { return junit_; }
  const std::string& markdown() const { return markdown_; }
  bool has_tolerances_file() const { return !tolerances_file_.empty(); }

 private:
  std::optional<double> rel_;
  std::string tolerances_file_;
  std::string junit_;
  std::string markdown_;
};

}  // namespace fleetsim::cli
