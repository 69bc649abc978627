// HiveConfig: the Hive SyncSet workload (both eras) and its costs, as a scenario sets them.
//
// Units: seconds; costs are core-seconds at reference speed (csa_temp_file: seconds of
// disk I/O). See docs/scenario-format.md (`hive`) and docs/validation.md for where each
// value of the shipped environment models comes from.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "engine/Distribution.hpp"
#include "k8s/RateLimiterConfig.hpp"
#include "k8s/RestClient.hpp"

namespace fleetsim::systems::hive {

struct HiveCosts {
  engine::Distribution client_build, resource_info, csa_apply, csa_temp_file, ssa_apply, status,
      syncset_reconcile, ssi_create;
};

struct HiveConfig {
  std::uint32_t syncsets = 60;         // SelectorSyncSets matching every cluster
  std::uint32_t resources = 10;        // resources per syncset
  bool server_side = false;            // apply mode
  double reapply_interval = 7200;      // seconds
  double reapply_jitter = 720;         // seconds (SyncSetInstance era)
  double lease_jitter_fraction = 0.1;  // of reapply_interval (ClusterSync era)
  bool restart = false;                // objects exist; controllers list them at t = 0
  // SyncSetInstance era, restart only: the first `up_to_date_fraction` of the SSIs (in list
  // order, as a previous run's FIFO pass applied them) were applied during the
  // `up_to_date_over` seconds before t = 0, evenly, oldest first; the rest are due.
  double up_to_date_fraction = 0;  // 0..1
  double up_to_date_over = 3600;   // seconds
  // matchLabels of the SelectorSyncSets; empty = every cluster.
  std::vector<std::pair<std::string, std::string>> selector;
  HiveCosts costs;
};

struct HiveControllerConfig {
  std::string name;
  int workers = 5;
  std::string host;
  k8s::RestClientConfig client;
  k8s::RestClientConfig remote_client{0, 0, 10, 30};
  k8s::RateLimiterConfig rate_limiter;
  int replicas = 1;
};

}  // namespace fleetsim::systems::hive
