#include "cli/CompareOptions.hpp"

#include <cmath>

#include "cli/Commands.hpp"

namespace fleetsim::cli {

namespace {

std::string value_of(const std::vector<std::string>& a, std::size_t& i) {
  if (i + 1 >= a.size()) throw UsageError{a[i] + " needs a value"};
  return a[++i];
}

}  // namespace

bool CompareOptions::consume(const std::vector<std::string>& a, std::size_t& i) {
  const std::string& x = a[i];
  if (x == "--rel") {
    const std::string v = value_of(a, i);
    std::size_t used = 0;
    double r = -1;
    try {
      r = std::stod(v, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used != v.size() || v.empty() || !std::isfinite(r) || r < 0)
      throw UsageError{"--rel needs a number >= 0 (a fraction: 0.05 is 5 %), got \"" + v + "\""};
    rel_ = r;
  } else if (x == "--tolerances") {
    tolerances_file_ = value_of(a, i);
  } else if (x == "--junit") {
    junit_ = value_of(a, i);
  } else if (x == "--markdown") {
    markdown_ = value_of(a, i);
  } else if (x == "--require-exact") {
    require_exact_ = true;
  } else {
    return false;
  }
  return true;
}

void CompareOptions::check() const {
  if (rel_ && !tolerances_file_.empty())
    throw UsageError{"--rel and --tolerances exclude each other (put \"rel\" in the file)"};
  if (!junit_.empty() && junit_ == markdown_)
    throw UsageError{"--junit and --markdown name the same file " + junit_};
}

output::Tolerances CompareOptions::tolerances() const {
  if (!tolerances_file_.empty()) return output::Tolerances::load(tolerances_file_);
  return output::Tolerances(rel_.value_or(0.05));
}

std::optional<std::string> CompareOptions::inexact_failure(const output::Comparison& c) const {
  if (!require_exact_ || c.mode().exact) return std::nullopt;
  return "--require-exact: the comparison is not exact (" + c.mode().note +
         "); refresh the baseline: fleetsim regress --update --reason TEXT";
}

}  // namespace fleetsim::cli
