#include "output/FigureDirection.hpp"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

using fleetsim::output::default_direction;
using fleetsim::output::Direction;
using fleetsim::output::parse_direction;
using fleetsim::output::to_string;

// The direction table of docs/ci.md, one example per rule (and the figures of today's
// summary.json that fall to the default).
TEST(FigureDirection, TableOfDocsCi) {
  const std::vector<std::pair<std::string, Direction>> table = {
      {"run.wall_seconds", Direction::ignore},
      {"run.events_per_second", Direction::ignore},
      {"run.peak_rss_bytes", Direction::ignore},
      {"scenario", Direction::ignore},
      {"seed", Direction::ignore},
      {"fleetsim_version", Direction::ignore},
      {"complete", Direction::higher},
      {"controllers.cluster-sync.queue_drained_at_s", Direction::lower},
      {"systems.hive.first_pass_completed_at_s", Direction::lower},
      {"systems.hive.all_created_at_s", Direction::lower},
      {"virtual_seconds", Direction::lower},
      {"controllers.c.reconcile_seconds.p99", Direction::lower},
      {"controllers.c.queue_wait_seconds.mean", Direction::lower},
      {"applies.seconds.p50", Direction::lower},
      {"api_servers.hub.latency_seconds.p99", Direction::lower},
      {"api_servers.spokes.latency_seconds.mean", Direction::lower},
      {"controllers.c.reconcile_rate_per_s.mean", Direction::higher},
      {"applies.rate_per_s.peak_1m", Direction::higher},
      {"controllers.c.queue_depth.peak", Direction::lower},
      {"controllers.c.queue_depth.final", Direction::lower},
      {"applies.failed", Direction::lower},
      {"controllers.c.reconciles_by_result.error", Direction::lower},
      {"api_servers.hub.rejected_429_total", Direction::lower},
      {"systems.hive.applied_once", Direction::higher},
      {"systems.hive.synced_once", Direction::higher},
      // no better side
      {"stop_reason", Direction::neutral},
      {"controllers.c.workers", Direction::neutral},
      {"controllers.c.reconciles_total", Direction::neutral},
      {"controllers.c.reconciles_by_result.success", Direction::neutral},
      {"controllers.c.reconciles_by_result.requeue_after", Direction::neutral},
      {"controllers.c.adds_total", Direction::neutral},
      {"controllers.c.retries_total", Direction::neutral},
      {"applies.total", Direction::neutral},
      {"hosts.h.cores", Direction::neutral},
      {"hosts.h.speed", Direction::neutral},
      {"hosts.h.cores_used.mean", Direction::neutral},
      {"hosts.h.cores_used.peak_1m", Direction::neutral},
      {"hosts.h.all_processes_cores_used", Direction::neutral},
      {"api_servers.hub.requests_total", Direction::neutral},
      {"api_servers.hub.in_flight_peak", Direction::neutral},
      {"api_servers.spokes.servers", Direction::neutral},
      {"systems.hive.era", Direction::neutral},
      {"systems.hive.full_applies", Direction::neutral},
  };
  for (const auto& [figure, expected] : table)
    EXPECT_EQ(to_string(default_direction(figure)), to_string(expected)) << figure;
}

TEST(FigureDirection, RulesAreAboutNamesNotPlaces) {
  // A leaf called like an identity field deeper down is compared.
  EXPECT_EQ(default_direction("systems.x.seed"), Direction::neutral);
  // A new system's completion time and duration get a direction without code changes.
  EXPECT_EQ(default_direction("systems.new.rollout_done_at_s"), Direction::lower);
  EXPECT_EQ(default_direction("systems.new.drain_seconds.p90"), Direction::lower);
  EXPECT_EQ(default_direction("systems.new.applied_once"), Direction::higher);
  EXPECT_EQ(default_direction("controllers.applied_once"), Direction::neutral);
}

TEST(FigureDirection, ParseAndPrint) {
  for (auto d : {Direction::lower, Direction::higher, Direction::neutral, Direction::unchanged,
                 Direction::ignore})
    EXPECT_EQ(parse_direction(to_string(d)), d);
  EXPECT_FALSE(parse_direction("faster"));
  EXPECT_FALSE(parse_direction("Lower"));
  EXPECT_FALSE(parse_direction(""));
}
