// ServingConfig: the parameters of a request-serving system (see ServingSystem).
//
// Units: seconds, core-seconds at reference speed, cores, fractions.
// Invariants (checked by the scenario schema and builder): replicas >= 1 and within the
// autoscaler's [min, max] when it is on; max_batch_size >= 1; cpu_limit > 0; every host
// named exists.
#pragma once

#include <string>
#include <vector>

#include "engine/Distribution.hpp"
#include "k8s/HorizontalPodAutoscaler.hpp"
#include "systems/serving/RequestSource.hpp"

namespace fleetsim::systems::serving {

enum class Policy { kRoundRobin, kRandom, kLeastConnections, kQueue };

struct ReplicaSpec {
  double cpu_request = 1;                 // cores (HPA utilisation is usage / request)
  double cpu_limit = 1;                   // cores it may use at once
  int workers = 0;                        // worker processes; 0 = one per core of the limit
  double startup_delay = 0;               // seconds from creation to ready
  engine::Distribution work;              // per request, core-seconds (no batching)
  bool gil = true;                        // true: one core per request; false: split over the limit
  int max_batch_size = 1;                 // 1 = no batching
  double max_wait = 0.1;                  // seconds
  engine::Distribution batch_fixed_work;  // per batch, core-seconds
  engine::Distribution batch_per_item_work;  // per request in a batch, core-seconds
};

struct ServingConfig {
  std::string name;
  SourceSpec source;
  Policy policy = Policy::kRoundRobin;
  int replicas = 1;                // initial
  std::vector<std::string> hosts;  // where replicas may run (in order)
  ReplicaSpec replica;
  bool autoscale = false;
  k8s::HpaConfig hpa;
  double target_p50 = 0;  // seconds; 0 = none
  double target_p99 = 0;  // seconds; 0 = none
  double target_window = 60;
};

}  // namespace fleetsim::systems::serving
