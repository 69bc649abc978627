// SweepResults: what a sweep learned, and its files sweep.csv and sweep.json.
//
// Models: the summary.json of each evaluated (point, seed); each point's constraint verdict
// (holds when the constraint holds for every seed; a missing or null figure fails), either
// evaluated or inferred from the monotone assumption (a point below-or-equal to a failing
// one, in every parameter, fails too); the order points were evaluated in; the answer: the
// cheapest point (SweepSpec::cheapest_first) whose evaluated verdict holds while every
// cheaper point is known to fail (none when some cheaper point is unknown, e.g. in a shard).
// Invariants: csv() and json() depend only on the spec and the data added, never on wall
// clock or on the order of add() calls (rows are in (point, seed) order); the run's wall
// time is only in json()'s "run" member.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cli/SweepSpec.hpp"

namespace fleetsim::cli {

class SweepResults {
 public:
  using Json = SweepSpec::Json;

  explicit SweepResults(const SweepSpec& spec) : spec_(spec) {}

  void add(std::size_t point, std::uint64_t seed, Json summary);
  // Reads DIR/summary.json.
  void load(std::size_t point, std::uint64_t seed, const std::filesystem::path& dir);
  // Every seed of the point is in.
  bool evaluated(std::size_t point) const;
  void mark_evaluated(const std::vector<std::size_t>& points);
  // Record that `point` fails without running it, because `because` fails (monotone).
  void infer_failure(std::size_t point, std::size_t because);
  bool inferred(std::size_t point) const { return inferred_.contains(point); }
  // Constraint verdict: evaluated, else inferred; nullopt when unknown or no constraint.
  std::optional<bool> verdict(std::size_t point) const;
  std::optional<std::size_t> answer() const;
  // One sentence stating the recommended configuration (or why there is none).
  std::string sentence() const;

  std::string csv() const;
  // mode: "grid", "search", "shard I/N" or "merge"; wall_seconds < 0 leaves "run" out.
  Json json(const std::string& mode, double wall_seconds) const;
  // Writes DIR/sweep.csv and DIR/sweep.json (each atomically).
  void write(const std::filesystem::path& dir, const std::string& mode, double wall_seconds) const;

 private:
  std::optional<double> figure(std::size_t point, std::uint64_t seed,
                               const std::string& path) const;
  const SweepSpec& spec_;
  std::map<std::pair<std::size_t, std::uint64_t>, Json> summaries_;
  std::vector<std::size_t> evaluation_order_;
  std::map<std::size_t, std::size_t> inferred_;  // point -> failing point implying it
};

}  // namespace fleetsim::cli
