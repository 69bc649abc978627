// SweepRunner: runs the points of a sweep as child processes of this binary.
//
// Models: each (point, seed) is one `fleetsim run BASE --set ... --seed S --out
// DIR/points/<id>/seed-<S> --quiet` in its own process (one SimGrid engine per process), at
// most `jobs` at a time; stdout and stderr of a run go to DIR/points/<id>/seed-<S>.log.
// Resumable: a run whose results directory exists is complete (fleetsim run renames it into
// place only when complete) and is skipped. DIR/points/<id>/point.json records the point's
// --set arguments; a directory written for different arguments is an error, not reused.
// Invariants: run() returns only when every requested run is complete, else throws
// SweepRunner::Failure (after waiting for the runs already started).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "cli/SweepSpec.hpp"

namespace fleetsim::cli {

class SweepRunner {
 public:
  struct Failure {
    int exit_code;  // 2: bad input, 1: a run failed
    std::string message;
  };

  SweepRunner(const SweepSpec& spec, std::filesystem::path out, unsigned jobs, bool quiet);

  // Runs every (point, seed) of `points` that is not complete yet; returns how many ran.
  std::size_t run(const std::vector<std::size_t>& points);
  std::filesystem::path seed_dir(std::size_t point, std::uint64_t seed) const;
  bool complete(std::size_t point, std::uint64_t seed) const;
  std::size_t skipped() const { return skipped_; }

 private:
  void prepare_point(std::size_t point) const;
  const SweepSpec& spec_;
  std::filesystem::path out_;
  unsigned jobs_;
  bool quiet_;
  std::size_t skipped_ = 0;
};

}  // namespace fleetsim::cli
