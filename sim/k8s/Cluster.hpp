// Cluster: the workload side of one Kubernetes cluster: its node pools, its pods, the
// kube-scheduler that binds them and the kubelets that start them.
//
// Models:
//  - Pod creation through the API server: create_pod() POSTs the pod with the caller's
//    RestClient (its QPS / burst and the server's seats apply); deletion is a DELETE.
//  - kube-scheduler: it watches pods (WatchHub, after the watch delay) and puts new ones in
//    its active queue; one scheduling cycle at a time (`cycle_time` each) runs the filter
//    and score plugins (PodScheduler) over the Ready nodes, assumes the pod on the chosen
//    node and binds it asynchronously (POST pods/binding with the scheduler's own client,
//    --kube-api-qps 50 / --kube-api-burst 100). A pod that fits nowhere goes to the
//    unschedulable set (PodScheduled=False, reason Unschedulable); every cluster event
//    that may make it fit (a node becomes Ready, a pod terminates or is deleted) moves the
//    unschedulable pods back, each after its backoff (pod-initial-backoff 1 s doubling per
//    attempt up to pod-max-backoff 10 s). A failed binding un-assumes and retries after
//    the backoff.
//  - kubelet: a bound pod starts after `start_latency` (image pull + container start),
//    then the kubelet PATCHes its status (Running, Ready) with the node's client
//    (kubeAPIQPS 50 / kubeAPIBurst 100). A pod with a run time exits 0 after it, a pod with
//    CPU work once its threads computed it on the node's Host: the kubelet writes phase
//    Succeeded and its requests are freed.
//    Every 30 s, pods unschedulable for longer than pod-max-in-unschedulable-pods-duration
//    (5 min) are moved back as well (flushUnschedulablePodsLeftover).
// Simplifications (explicit): no QueueingHints (every event moves every unschedulable
// pod), no preemption, deletion is immediate (no grace
// period), node objects are not written to the API server (a node is usable once its
// pool reports it Ready), ties between equal scores go to the first node.
// Units: seconds. Invariants: a pod is in at most one of (active queue, unschedulable
// set, bound); a node's `requested` is the sum of the requests of its bound, non-terminated
// pods; pending() counts created pods not yet Running and not terminated.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "engine/Process.hpp"
#include "engine/RandomStream.hpp"
#include "engine/Task.hpp"
#include "engine/WaitList.hpp"
#include "k8s/ApiServer.hpp"
#include "k8s/ClientStats.hpp"
#include "k8s/KindRegistry.hpp"
#include "k8s/Pod.hpp"
#include "k8s/PodScheduler.hpp"
#include "k8s/RestClient.hpp"
#include "platform/NodePool.hpp"
#include "stats/QuantileHistogram.hpp"

namespace fleetsim::k8s {

struct ClusterConfig {
  ScoringStrategy scoring = ScoringStrategy::kLeastAllocated;
  double cycle_time = 0;           // seconds per scheduling attempt
  double pod_initial_backoff = 1;  // seconds (--pod-initial-backoff-seconds)
  double pod_max_backoff = 10;     // seconds (--pod-max-backoff-seconds)
  // --pod-max-in-unschedulable-pods-duration: an unschedulable pod is retried after this
  // even without an event (checked every 30 s, flushUnschedulablePodsLeftover).
  double pod_max_unschedulable = 300;  // seconds
  RestClientConfig scheduler_client{50, 100, 10, 30};
  RestClientConfig kubelet_client{50, 100, 10, 30};
  engine::Distribution start_latency;  // seconds from binding to Running
};

struct ClusterStats {
  std::uint64_t pods_created = 0;
  std::uint64_t create_failures = 0;         // POST pods that did not succeed
  std::uint64_t schedule_attempts = 0;       // scheduler_schedule_attempts_total
  std::uint64_t unschedulable_attempts = 0;  // ... {result="unschedulable"}
  std::uint64_t binding_failures = 0;        // ... {result="error"}
  std::uint64_t pods_succeeded = 0;
  int pending_peak = 0;
  int running_peak = 0;
  stats::QuantileHistogram pending_seconds;  // creation to Running
  stats::QuantileHistogram start_seconds;    // binding to Running
};

class Cluster {
 public:
  Cluster(engine::Scheduler& sched, ClusterConfig config, ApiServer& api, WatchHub& watch,
          KindRegistry& kinds, engine::RandomStream rng);

  void add_pool(platform::NodePool& pool);
  // Starts the pools (initial nodes) and the scheduling loop.
  void start();

  // POST pods through `client`; the pod, or nullptr if the API server did not accept it.
  // `on_event` is the owner's informer (called after the watch delay on every write).
  engine::Task<Pod*> create_pod(RestClient& client, std::string name, PodSpec spec,
                                std::function<void(Pod&)> on_event);
  // DELETE pods through `client`; frees the pod's node resources. False on failure.
  engine::Task<bool> delete_pod(RestClient& client, Pod& pod);
  // The pod's containers exit (0 = Succeeded): the kubelet writes the phase.
  void finish_pod(Pod& pod, bool succeeded);
  // Removes a node without pods from its pool (the cluster autoscaler's scale-down).
  bool remove_node(platform::Node& node);
  // Calls `fn` after any node became Ready (the cluster autoscaler listens).
  void set_on_node_ready(std::function<void(platform::Node&)> fn) {
    on_node_ready_ = std::move(fn);
  }

  const std::deque<std::unique_ptr<Pod>>& pods() const { return pods_; }
  const std::vector<platform::NodePool*>& pools() const { return pools_; }
  // Nodes not deleted (Ready or provisioning), pool by pool.
  std::vector<platform::Node*> live_nodes() const;
  // Pods whose last scheduling attempt found no node and that are still unbound.
  // (the scheduling queue's unschedulablePods; pods moved out wait in backoff or active).
  const std::vector<Pod*>& unschedulable() const { return unschedulable_; }
  // Unbound pods whose condition is PodScheduled=False (their last attempt failed), in or
  // out of the unschedulable set: what cluster-autoscaler lists.
  const std::vector<Pod*>& unschedulable_pods();
  std::size_t active_queue() const { return active_.size(); }
  // Pods waiting for their backoff to expire before they go back to the active queue.
  std::size_t backoff_queue() const { return backoff_; }
  int pending() const { return pending_; }
  int running() const { return running_; }
  const ClusterStats& stats() const { return stats_; }
  const ClusterConfig& config() const { return config_; }
  const PodScheduler& scheduler() const { return scheduler_; }
  ClientStats& client_stats() { return client_stats_; }
  const ClientStats& client_stats() const { return client_stats_; }
  engine::Scheduler& sched() { return sched_; }
  // The API server and its watch fan-out, and the kind ids of its resources, for the
  // owners (controllers) that write other objects there.
  ApiServer& api() { return api_; }
  WatchHub& watch() { return watch_; }
  KindId kind(std::string_view plural) { return kinds_.id(plural); }

 private:
  engine::Process schedule_loop();
  engine::Process bind(Pod* pod, platform::Node* node);
  engine::Process kubelet_status(Pod* pod, PodPhase phase);
  engine::Task<void> write_status(Pod* pod);
  engine::Task<void> run_cpu_work(Pod* pod, platform::Node* node);
  engine::Process run_thread(platform::Node* node, double work, int* left, engine::WaitList* done);
  void on_pod_event(ObjectId id);
  void enqueue(Pod* pod);
  void requeue_after_backoff(Pod* pod);
  void move_unschedulable();
  void flush_leftover();
  void release(Pod& pod);
  void set_running(Pod& pod);
  double backoff(const Pod& pod) const;
  RestClient& kubelet(platform::Node* node);

  engine::Scheduler& sched_;
  ClusterConfig config_;
  ApiServer& api_;
  WatchHub& watch_;
  KindRegistry& kinds_;
  KindId pods_kind_, binding_kind_;
  engine::RandomStream rng_;
  PodScheduler scheduler_;
  ClientStats client_stats_;
  RestClient scheduler_client_;
  std::map<const platform::Node*, std::unique_ptr<RestClient>> kubelets_;
  std::vector<platform::NodePool*> pools_;
  std::deque<std::unique_ptr<Pod>> pods_;
  std::deque<Pod*> active_;
  std::vector<Pod*> unschedulable_;
  std::vector<Pod*> condition_false_;  // may hold pods no longer so (cleaned when read)
  std::vector<double> last_attempt_;   // per pod id
  std::vector<bool> queued_;           // per pod id: in active_ or waiting for its backoff
  engine::WaitList wake_;
  std::function<void(platform::Node&)> on_node_ready_;
  int pending_ = 0, running_ = 0;
  std::size_t backoff_ = 0;
  ClusterStats stats_;
};

}  // namespace fleetsim::k8s
