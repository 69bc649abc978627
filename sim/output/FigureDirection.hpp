// FigureDirection: which way is better for a summary.json figure (a dotted path such as
// controllers.cluster-sync.queue_drained_at_s).
//
// Models the judgement a reader makes from the figure's name: times and backlogs are
// better lower, rates better higher, counts and configuration echoes have no better
// side. The table (first matching rule wins) is documented in docs/ci.md:
//   run.*                                  ignore   wall clock, not deterministic
//   scenario, seed, fleetsim_version       ignore   identity (decide exact vs relative)
//   *.complete                             higher   true (reached the stop) beats false
//   *_at_s                                 lower    when something finished (null = never)
//   virtual_seconds                        lower    time to reach the stop
//   *.seconds.*, *_seconds.*               lower    durations (reconcile, wait, latency)
//   *_per_s.*                              higher   throughput
//   *.queue_depth.*                        lower    backlog
//   *.failed, *.error, *_429_total         lower    failures, throttling
//   systems.*.applied_once, .synced_once   higher   progress made by the stop
//   anything else                          neutral  counts, configuration, CPU use
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace fleetsim::output {

enum class Direction {
  lower,      // a larger value is a regression
  higher,     // a smaller value is a regression
  neutral,    // a change is reported, never a regression
  unchanged,  // any change beyond tolerance is a regression (only from a tolerances file)
  ignore,     // not compared at all
};

Direction default_direction(std::string_view figure);

std::string_view to_string(Direction d);
// "lower", "higher", "neutral", "unchanged", "ignore"; nullopt for anything else.
std::optional<Direction> parse_direction(std::string_view text);

}  // namespace fleetsim::output
