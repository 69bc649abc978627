// WorkloadController: kube-controller-manager's StatefulSet and ReplicaSet controllers
// (a Deployment is modelled as its one ReplicaSet: no rollouts), creating and deleting
// pods through the API server.
//
// Models, on the generic Controller (workqueue + workers, --concurrent-statefulset-syncs /
// --concurrent-replicaset-syncs 5) with its own RestClient (kube-controller-manager
// --kube-api-qps 20 / --kube-api-burst 30); every write to a pod of a workload (the pod
// informer) enqueues the workload's key:
//  - StatefulSet, podManagementPolicy OrderedReady: ordinals 0..replicas-1 in order; a
//    missing pod is created, and the sync stops at the first pod that is not Running and
//    Ready (so pod i+1 is created only after pod i is Ready). Scale down deletes the
//    highest ordinal, one per sync, only while every other pod is Running and Ready.
//  - StatefulSet, Parallel, and ReplicaSet: every missing pod is created in one sync, in
//    slow-start batches (1, 2, 4, ... concurrent creates; a batch with a failure ends the
//    sync with an error, which requeues rate-limited); surplus pods are deleted together
//    (ReplicaSet: unbound first, then not Ready, then the newest). A ReplicaSet creates at
//    most burstReplicas = 500 pods per sync.
// Workload objects: add() is an object that exists already (the informer's initial list);
// create() / remove() write it through the API server (POST / DELETE statefulsets or
// replicasets), and deleting it deletes its pods (the garbage collector's cascade, done
// here by the controller's own client).
// Simplifications: failed pods are not replaced; no minReadySeconds, no status writes of
// the workload.
// Units: seconds. Invariants: at most `replicas` live pods per workload after a sync that
// found nothing to delete; a StatefulSet never has two live pods of one ordinal.
#pragma once

#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "engine/Task.hpp"
#include "engine/WaitList.hpp"
#include "k8s/Cluster.hpp"
#include "k8s/Controller.hpp"
#include "k8s/RestClient.hpp"

namespace fleetsim::k8s {

enum class WorkloadKind { kStatefulSet, kReplicaSet };
enum class PodManagementPolicy { kOrderedReady, kParallel };

struct WorkloadSpec {
  std::string name;
  WorkloadKind kind = WorkloadKind::kStatefulSet;
  int replicas = 1;
  PodManagementPolicy policy = PodManagementPolicy::kOrderedReady;  // StatefulSet only
  PodSpec pod;                                                      // the pod template
};

struct Workload {
  WorkloadSpec spec;
  std::vector<Pod*> pods;  // StatefulSet: by ordinal (nullptr = none); ReplicaSet: live pods
  int next_name = 0;       // ReplicaSet: suffix of the next pod's name
  double created_at = 0;
  double all_ready_at = -1;  // first time `replicas` pods were Running and Ready
  bool deleted = false;      // the object was deleted: its pods go
  int ready() const;
};

class WorkloadController {
 public:
  static constexpr int kBurstReplicas = 500;

  WorkloadController(Controller& controller, Cluster& cluster, RestClientConfig client);

  // The workload object appears (as if applied before); its key is enqueued.
  Key add(WorkloadSpec spec);
  // POSTs the workload object (statefulsets / replicasets) through `client` (an operator's,
  // say); the controller sees it after the watch delay. nullopt if the API server did not
  // accept it.
  engine::Task<std::optional<Key>> create(RestClient& client, WorkloadSpec spec);
  // DELETEs the workload object through `client`; its pods are then deleted by this
  // controller (standing in for the garbage collector's ownerReference cascade). False if
  // the API server did not accept it.
  engine::Task<bool> remove(RestClient& client, Key key);
  // Changes spec.replicas and enqueues the key.
  void scale(Key key, int replicas);
  const Workload& workload(Key key) const { return workloads_.at(key); }
  std::size_t size() const { return workloads_.size(); }
  // Called on every event of a pod of a workload (after the controller's own handling).
  void set_on_pod_event(std::function<void(Key, Pod&)> fn) { on_pod_event_ = std::move(fn); }
  Controller& controller() { return controller_; }

 private:
  struct Join {
    int left = 0;
    bool failed = false;
    engine::WaitList done;
  };
  engine::Task<ReconcileResult> reconcile(Key key);
  engine::Task<ReconcileResult> ordered(Key key);
  engine::Task<ReconcileResult> parallel(Key key);
  engine::Task<bool> create_batches(Key key, std::vector<int> slots);
  engine::Task<bool> delete_all(std::vector<Pod*> pods);
  engine::Process create_one(Key key, int slot, Join* join);
  engine::Process delete_one(Pod* pod, Join* join);
  std::string pod_name(Workload& w, int slot);
  std::vector<Pod*> surplus(Workload& w);

  Controller& controller_;
  Cluster& cluster_;
  RestClient client_;
  std::deque<Workload> workloads_;
  std::function<void(Key, Pod&)> on_pod_event_;
};

}  // namespace fleetsim::k8s
