// RequestSource: when requests (or workflow executions) arrive at a service.
//
// Models: one of four arrival processes, emitting each arrival through a callback:
//   poisson   a (non-homogeneous) Poisson process whose rate is piecewise linear in time,
//             through (t, rate) points, flat outside them (one point = a constant rate);
//             drawn by thinning (Lewis-Shedler) against the highest rate;
//   constant  evenly spaced arrivals, gap = 1 / rate(t) (same rate points);
//   cron      `jobs` jobs, each once per `period`, for `runs` periods: `aligned` fires
//             every job at the start of the period (every hour at xx:00), `spread` gives
//             each job a fixed offset drawn uniformly in [0, period) (its own minute);
//   trace     replay of (time, count) rows: `count` arrivals at `time`.
// poisson/constant stop after `count` arrivals (0 = no limit) or at `end` (0 = no end).
// Units: seconds, requests per second. Invariants: arrivals are emitted in non-decreasing
// time, none before `start`; the draws come from the source's own seeded stream.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "engine/Process.hpp"
#include "engine/RandomStream.hpp"
#include "engine/Scheduler.hpp"

namespace fleetsim::systems::serving {

struct SourceSpec {
  std::string kind = "poisson";                  // poisson | constant | cron | trace
  std::vector<std::pair<double, double>> rate;   // (seconds, requests/s)
  std::uint64_t count = 0;                       // 0 = no limit
  double start = 0;                              // seconds
  double end = 0;                                // seconds; 0 = no end
  std::uint64_t jobs = 0;                        // cron
  double period = 3600;                          // cron, seconds
  bool spread = false;                           // cron: offsets over the period
  std::uint64_t runs = 1;                        // cron periods
  std::vector<std::pair<double, double>> trace;  // (seconds, arrivals)
};

class RequestSource {
 public:
  RequestSource(engine::Scheduler& sched, SourceSpec spec, engine::RandomStream rng,
                std::function<void()> emit);

  void start() { run(); }
  bool done() const { return done_; }
  std::uint64_t emitted() const { return emitted_; }
  // Arrivals planned in all, when known in advance (0 = open-ended).
  std::uint64_t planned() const;
  // The rate at time t (piecewise linear through the points, flat outside).
  double rate_at(double t) const;
  const SourceSpec& spec() const { return spec_; }

 private:
  engine::Process run();
  engine::Process run_rate();
  engine::Process run_cron();
  engine::Process run_trace();
  bool exhausted(double t) const;
  void emit();

  engine::Scheduler& sched_;
  SourceSpec spec_;
  engine::RandomStream rng_;
  std::function<void()> emit_;
  std::uint64_t emitted_ = 0;
  bool done_ = false;
};

}  // namespace fleetsim::systems::serving
