// ClusterAutoscaler: Kubernetes cluster-autoscaler (the static autoscaler's RunOnce loop)
// over the node pools of a Cluster.
//
// Models, every `scan_interval` (--scan-interval 10s):
//  Scale up. The unschedulable pods (PodScheduled=False after a scheduling attempt) older
//  than --new-pod-scale-up-delay (0s) that would not fit on an existing Ready node or on a
//  node still provisioning (the scheduler simulation, first fit) are bin-packed first-fit
//  onto template nodes of each pool below its max size (the binpacking estimator). Each
//  pool that helps at least one pod is an option; the expander picks one: `random`
//  (--expander default) or `least-waste` (smallest mean of the unused CPU and memory
//  fractions of the new nodes; ties random). The pool grows by the nodes needed, capped by
//  its max size and --max-nodes-total (0 = no cap). One pool per scan (no
//  --balance-similar-node-groups).
//  Scale down. A Ready node is unneeded while its utilisation is below
//  --scale-down-utilization-threshold (0.5; for nodes with GPUs, GPU utilisation against
//  --scale-down-gpu-utilization-threshold 0.5) AND it runs no pods (simplification: pods
//  are never moved off a node, so only empty nodes are removed, as with no non-daemon
//  pods). Utilisation = max(cpu, memory) requested / allocatable. A node unneeded for
//  --scale-down-unneeded-time (10m) is deleted, at most --max-empty-bulk-delete (10) per
//  scan, never below the pool's min size, and not within --scale-down-delay-after-add
//  (10m) of the last scale up nor --scale-down-delay-after-delete (0s: one scan) of the
//  last deletion. Unneeded times keep counting during those cooldowns (as upstream).
// Not modelled: scale-down of nodes whose pods could move, unready-node handling
// (--scale-down-unready-time), failed provisioning (--max-node-provision-time), priority
// and most-pods expanders.
// Units: seconds. Invariants: pools stay within [min_size, max_size]; a node is deleted only
// if it has no pods.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "engine/RandomStream.hpp"
#include "k8s/Cluster.hpp"

namespace fleetsim::k8s {

enum class Expander { kRandom, kLeastWaste };

struct ClusterAutoscalerConfig {
  double scan_interval = 10;                          // --scan-interval
  Expander expander = Expander::kRandom;              // --expander
  bool scale_down_enabled = true;                     // --scale-down-enabled
  double scale_down_utilization_threshold = 0.5;      // --scale-down-utilization-threshold
  double scale_down_gpu_utilization_threshold = 0.5;  // --scale-down-gpu-utilization-threshold
  double scale_down_unneeded_time = 600;              // --scale-down-unneeded-time
  double scale_down_delay_after_add = 600;            // --scale-down-delay-after-add
  double scale_down_delay_after_delete = 0;           // --scale-down-delay-after-delete (0 = scan)
  int max_nodes_total = 0;                            // --max-nodes-total (0 = no cap)
  int max_empty_bulk_delete = 10;                     // --max-empty-bulk-delete
  double new_pod_scale_up_delay = 0;                  // --new-pod-scale-up-delay
  std::string gpu_resource = "nvidia.com/gpu";        // the extended resource counted as GPU
};

struct ClusterAutoscalerStats {
  std::uint64_t scans = 0;
  std::uint64_t scale_ups = 0;          // scale-up decisions
  std::uint64_t scaled_up_nodes = 0;    // cluster_autoscaler_scaled_up_nodes_total
  std::uint64_t scaled_down_nodes = 0;  // cluster_autoscaler_scaled_down_nodes_total
  int unschedulable_pods = 0;           // cluster_autoscaler_unschedulable_pods_count (last scan)
  double first_scale_up_at = -1;        // seconds; -1 never
};

// One scale-up option (what the expander chooses among).
struct ScaleUpOption {
  platform::NodePool* pool = nullptr;
  int nodes = 0;
  int pods = 0;      // pods the new nodes would take
  double waste = 0;  // mean unused fraction of cpu and memory on the new nodes
};

class ClusterAutoscaler {
 public:
  ClusterAutoscaler(Cluster& cluster, ClusterAutoscalerConfig config, engine::RandomStream rng);

  // Schedules the first scan one interval from now, and every interval after.
  void start();
  // One RunOnce: scale up, then scale down. Public for tests.
  void scan();
  // The scale-up options for the current unschedulable pods (estimator, no expander).
  std::vector<ScaleUpOption> scale_up_options();
  // Node utilisation as cluster-autoscaler computes it (GPU nodes: GPU only).
  double utilization(const platform::Node& n) const;

  const ClusterAutoscalerConfig& config() const { return config_; }
  const ClusterAutoscalerStats& stats() const { return stats_; }

 private:
  void scale_up();
  void scale_down();
  std::vector<Pod*> pods_needing_nodes();
  const ScaleUpOption* choose(const std::vector<ScaleUpOption>& options);
  int total_nodes() const;

  Cluster& cluster_;
  ClusterAutoscalerConfig config_;
  engine::RandomStream rng_;
  std::map<const platform::Node*, double> unneeded_since_;
  double last_scale_up_ = -1e300, last_delete_ = -1e300;
  ClusterAutoscalerStats stats_;
};

}  // namespace fleetsim::k8s
