// ClusterMetrics: the metrics of the cluster's scheduler, nodes and autoscaler, with the
// names kube-scheduler and cluster-autoscaler export.
//
// Models: scheduler_pending_pods{queue=active|backoff|unschedulable|gated} (gauge),
// scheduler_schedule_attempts_total{profile, result=scheduled|unschedulable|error},
// cluster_autoscaler_nodes_count{state=ready|notStarted} (notStarted: nodes requested and
// not yet Ready), cluster_autoscaler_unschedulable_pods_count{type="unschedulable"},
// cluster_autoscaler_scaled_up_nodes_total, cluster_autoscaler_scaled_down_nodes_total
// {reason="empty"}; and fleetsim_cluster_pods{phase} / fleetsim_node_pool_nodes{pool, state}
// where no upstream component exports an aggregate. Nothing is added without a cluster.
#pragma once

#include "output/MetricsSnapshot.hpp"
#include "systems/World.hpp"

namespace fleetsim::output {

void add_cluster_metrics(MetricsSnapshot& s, const systems::World& w);

}  // namespace fleetsim::output
