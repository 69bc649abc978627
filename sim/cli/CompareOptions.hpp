// CompareOptions: the options `fleetsim compare` and `fleetsim regress` share:
// --rel R | --tolerances FILE, --junit FILE, --markdown FILE, --require-exact.
//
// Models how a command decides tolerances: a tolerances file, else --rel (default 0.05);
// and whether a comparison that cannot be exact (another fleetsim version, seed or
// resolved scenario) fails: a stale baseline, to be refreshed with regress --update.
// Bad values are UsageError (exit 2); a bad tolerances file is output::ComparisonError.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "output/Comparison.hpp"
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
  bool require_exact() const { return require_exact_; }
  // With --require-exact, the failure message for a comparison that is not exact.
  std::optional<std::string> inexact_failure(const output::Comparison& c) const;

 private:
  std::optional<double> rel_;
  std::string tolerances_file_;
  std::string junit_;
  std::string markdown_;
  bool require_exact_ = false;
};

}  // namespace fleetsim::cli
