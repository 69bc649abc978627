#include "output/ClusterMetrics.hpp"

namespace fleetsim::output {

namespace {

constexpr MetricType kCounter = MetricType::kCounter, kGauge = MetricType::kGauge;

void add_scheduler(MetricsSnapshot& s, const k8s::Cluster& c) {
  const auto& st = c.stats();
  auto& pending = s.add_family(
      "scheduler_pending_pods",
      "Number of pending pods, by the queue type. 'active' means number of pods in activeQ; "
      "'backoff' means number of pods in backoffQ; 'unschedulable' means number of pods in "
      "unschedulablePods that the scheduler attempted to schedule and failed; 'gated' is the "
      "number of unschedulable pods that the scheduler never attempted to schedule because they "
      "are gated.",
      kGauge);
  pending.add({{"queue", "active"}}, static_cast<double>(c.active_queue()));
  pending.add({{"queue", "backoff"}}, static_cast<double>(c.backoff_queue()));
  pending.add({{"queue", "gated"}}, 0);
  pending.add({{"queue", "unschedulable"}}, static_cast<double>(c.unschedulable().size()));
  auto& attempts = s.add_family(
      "scheduler_schedule_attempts",
      "Number of attempts to schedule pods, by the result. 'unschedulable' means a pod could not "
      "be scheduled, while 'error' means an internal scheduler problem.",
      kCounter);
  const auto other = st.unschedulable_attempts + st.binding_failures;
  const MetricLabels profile{{"profile", "default-scheduler"}};
  auto labels = [&](const char* result) {
    auto l = profile;
    l.emplace_back("result", result);
    return l;
  };
  attempts.add(labels("error"), static_cast<double>(st.binding_failures));
  attempts.add(labels("scheduled"), static_cast<double>(st.schedule_attempts - other));
  attempts.add(labels("unschedulable"), static_cast<double>(st.unschedulable_attempts));
  auto& pods = s.add_family("fleetsim_cluster_pods",
                            "Pods created and not terminated, by phase (Pending includes pods "
                            "bound and starting).",
                            kGauge);
  pods.add({{"phase", "Pending"}}, c.pending());
  pods.add({{"phase", "Running"}}, c.running());
}

void add_nodes(MetricsSnapshot& s, const systems::World& w) {
  double ready = 0, starting = 0;
  auto& pools =
      s.add_family("fleetsim_node_pool_nodes",
                   "Nodes of a node pool: Ready, or requested and not Ready yet.", kGauge);
  for (const auto& p : w.node_pools()) {
    ready += p->ready_count();
    starting += p->provisioning();
    pools.add({{"pool", p->name()}, {"state", "ready"}}, p->ready_count());
    pools.add({{"pool", p->name()}, {"state", "notStarted"}}, p->provisioning());
  }
  const auto* ca = w.cluster_autoscaler();
  if (!ca) return;
  auto& nodes =
      s.add_family("cluster_autoscaler_nodes_count", "Number of nodes in cluster.", kGauge);
  nodes.add({{"state", "notStarted"}}, starting);
  nodes.add({{"state", "ready"}}, ready);
  const auto& st = ca->stats();
  s.add_family("cluster_autoscaler_unschedulable_pods_count",
               "Number of unschedulable pods in the cluster.", kGauge)
      .add({{"type", "unschedulable"}}, st.unschedulable_pods);
  s.add_family("cluster_autoscaler_scaled_up_nodes", "Number of nodes added by CA.", kCounter)
      .add({}, static_cast<double>(st.scaled_up_nodes));
  s.add_family("cluster_autoscaler_scaled_down_nodes", "Number of nodes removed by CA.", kCounter)
      .add({{"reason", "empty"}}, static_cast<double>(st.scaled_down_nodes));
}

}  // namespace

void add_cluster_metrics(MetricsSnapshot& s, const systems::World& w) {
  if (!w.cluster()) return;
  add_scheduler(s, *w.cluster());
  add_nodes(s, w);
}

}  // namespace fleetsim::output
