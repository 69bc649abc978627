// HorizontalPodAutoscaler: the Kubernetes HPA (autoscaling/v2) on a CPU utilisation metric.
//
// Models: kube-controller-manager's HPA loop. Every `sync_period` it observes the replicas
// (ready ones with their CPU utilisation, i.e. usage / CPU request, and unready ones that
// are still starting) and computes the replica calculator's recommendation:
//   ratio = mean utilisation of ready replicas / target;
//   |ratio - 1| <= tolerance            -> no change (current replicas);
//   scale down, or no unready replicas -> ceil(ready x ratio);
//   scale up with unready replicas      -> unready count as 0 %: ratio' over all of them;
//                                          no change if ratio' no longer says "up" beyond
//                                          the tolerance, else ceil(all x ratio').
// Then the scale-down stabilisation window: a recommendation below the current count is
// raised to the highest recommendation of the last `scale_down_window` seconds (scale up
// has no window, the v2 default). Finally the result is clamped to [min, max].
// Not modelled: the v2 scale-up rate policies (4 pods or 100 % per 15 s), readiness delay of
// the metric (cpu-initialization-period).
// Units: seconds; utilisation and target as fractions of the CPU request (0.7 = 70 %).
// Invariants: min_replicas <= desired <= max_replicas; a sync never scales below the
// highest recommendation of the window while that one is below current.
#pragma once

#include <deque>
#include <functional>
#include <utility>

#include "engine/Scheduler.hpp"

namespace fleetsim::k8s {

struct HpaConfig {
  int min_replicas = 1;
  int max_replicas = 10;
  double target_utilization = 0.7;  // fraction of the CPU request
  double sync_period = 15;          // seconds
  double tolerance = 0.1;           // fraction
  double scale_down_window = 300;   // seconds
};

// What a sync observes of the scale target.
struct HpaObservation {
  int current = 0;             // spec.replicas
  int ready = 0;               // ready replicas with a metric
  int unready = 0;             // replicas still starting (no metric yet)
  double utilization_sum = 0;  // sum over ready replicas of usage / request
};

class HorizontalPodAutoscaler {
 public:
  using Observe = std::function<HpaObservation()>;
  using Scale = std::function<void(int desired)>;

  HorizontalPodAutoscaler(engine::Scheduler& sched, HpaConfig config, Observe observe, Scale scale);

  // Schedules the first sync one period from now, and every period after.
  void start();
  // The replica calculator alone (no window, no clamp).
  int recommend(const HpaObservation& o) const;
  // One sync: recommendation, stabilisation, clamp; records the recommendation. Returns the
  // desired replicas (the caller scales to it).
  int sync(const HpaObservation& o);

  const HpaConfig& config() const { return config_; }
  int syncs() const { return syncs_; }

 private:
  void tick();

  engine::Scheduler& sched_;
  HpaConfig config_;
  Observe observe_;
  Scale scale_;
  std::deque<std::pair<double, int>> history_;  // (time, recommendation)
  int syncs_ = 0;
};

}  // namespace fleetsim::k8s
