// Comparison: two runs' summary.json compared figure by figure.
//
// Models the verdict on every figure (a dotted path to a leaf of summary.json): same,
// within tolerance, improved, regressed, changed (a figure with no better side moved),
// missing (in the baseline only; a regression), new (in the current run only), or not
// compared (wall clock, identity, ignored by the tolerances). An exact comparison (the
// run is deterministic and the fleetsim version, seed and resolved scenario are the same)
// calls any difference better or worse; a relative one lets each figure move within its
// tolerance first. null counts as the worst value of a lower/higher figure ("never").
#pragma once

#include <cstddef>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "output/Tolerances.hpp"

namespace fleetsim::output {

class Comparison {
 public:
  using Json = nlohmann::ordered_json;

  enum class Verdict { same, within, improved, regressed, changed, missing, added, not_compared };

  struct Row {
    std::string figure;
    std::optional<Json> baseline;  // nullopt: not in that summary
    std::optional<Json> current;
    Tolerances::Rule rule;
    Verdict verdict = Verdict::same;
    std::string change;  // "+12.3 %", "+0.5" (from 0), "changed", "" when equal
  };

  // Whether two results compare exactly, and a sentence saying why (or why not).
  struct Mode {
    bool exact = false;
    std::string note;
  };

  Comparison(const Json& baseline_summary, const Json& current_summary, const Mode& mode,
             const Tolerances& tolerances);

  // Reads BASELINE and CURRENT results directories (summary.json and
  // scenario.resolved.json each) and compares them; throws ComparisonError on bad input.
  static Comparison of_directories(const std::filesystem::path& baseline,
                                   const std::filesystem::path& current,
                                   const Tolerances& tolerances);
  static Mode mode_of(const Json& baseline_summary, const Json& current_summary,
                      const Json& baseline_resolved, const Json& current_resolved);
  // Leaves of a JSON document by dotted path, in document order (empty objects vanish).
  static std::vector<std::pair<std::string, Json>> flatten(const Json& doc);
  static std::string_view to_string(Verdict v);

  const std::vector<Row>& rows() const { return rows_; }
  const Mode& mode() const { return mode_; }
  // "exact (why)" or "relative, ±5 % unless a tolerances file says otherwise (why)".
  std::string mode_text() const;
  const std::string& scenario() const { return scenario_; }
  std::size_t count(Verdict v) const;
  // Any figure regressed or missing.
  bool regressed() const;

 private:
  std::vector<Row> rows_;
  Mode mode_;
  double default_rel_ = 0.05;
  std::string scenario_;
};

}  // namespace fleetsim::output
