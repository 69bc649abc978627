// Tolerances: how far each figure may move before a comparison calls it better or worse,
// and which way is better (overriding FigureDirection's table).
//
// Models a tolerances file (JSON, comments allowed):
//   {
//     "rel": 0.05,    // default relative tolerance: |current - baseline| <= rel * |baseline|
//     "abs": 0,       // default absolute tolerance; a change within max(abs, rel*|baseline|)
//                     // is "within tolerance"
//     "figures": {    // per figure pattern; every matching pattern applies, in file order
//       "controllers.*.queue_wait_seconds.*": {"rel": 0.2, "abs": 0.01},
//       "hosts.**": {"direction": "ignore"}
//     }
//   }
// A pattern is a dotted figure path; `*` matches any characters within one segment,
// a whole segment `**` matches any number of segments (also none). Tolerances apply only
// to relative comparisons; exact comparisons use the directions alone.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "output/FigureDirection.hpp"

namespace fleetsim::output {

class Tolerances {
 public:
  struct Rule {
    double rel = 0.05;
    double abs = 0;
    Direction direction = Direction::neutral;
  };

  explicit Tolerances(double rel = 0.05, double abs = 0) : rel_(rel), abs_(abs) {}

  // Parses a tolerances file's text; throws ComparisonError naming `file` and the key.
  static Tolerances parse(const std::string& text, const std::string& file);
  // Reads and parses a file; throws ComparisonError when it is missing or bad.
  static Tolerances load(const std::filesystem::path& file);
  // Whether a pattern is well formed (non-empty segments; `**` only as a whole segment).
  static bool valid_pattern(const std::string& pattern);
  static bool matches(const std::string& pattern, const std::string& figure);

  Rule rule_for(const std::string& figure) const;
  double rel() const { return rel_; }
  double abs() const { return abs_; }
  // Patterns of the file that match none of these figures (likely typos).
  std::vector<std::string> unused_patterns(const std::vector<std::string>& figures) const;

 private:
  struct Override {
    std::string pattern;
    std::optional<double> rel;
    std::optional<double> abs;
    std::optional<Direction> direction;
  };
  double rel_;
  double abs_;
  std::vector<Override> overrides_;
};

}  // namespace fleetsim::output
