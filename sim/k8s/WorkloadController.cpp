#include "k8s/WorkloadController.hpp"

#include <algorithm>

namespace fleetsim::k8s {

namespace {
bool running_and_ready(const Pod* p) {
  return p && !p->terminated() && p->phase == PodPhase::kRunning && p->ready;
}
bool live(const Pod* p) {
  return p && !p->deleted;
}
}  // namespace

int Workload::ready() const {
  return static_cast<int>(std::count_if(pods.begin(), pods.end(), running_and_ready));
}

WorkloadController::WorkloadController(Controller& controller, Cluster& cluster,
                                       RestClientConfig client)
    : controller_(controller),
      cluster_(cluster),
      client_(cluster.sched(), client, &controller.client_stats(), false) {
  controller_.set_reconciler([this](Key k) { return reconcile(k); });
}

Key WorkloadController::add(WorkloadSpec spec) {
  Workload w;
  w.spec = std::move(spec);
  w.created_at = cluster_.sched().now();
  workloads_.push_back(std::move(w));
  const Key key = static_cast<Key>(workloads_.size() - 1);
  controller_.queue().add(key);
  return key;
}

engine::Task<std::optional<Key>> WorkloadController::create(RestClient& client, WorkloadSpec spec) {
  const KindId kind =
      cluster_.kind(spec.kind == WorkloadKind::kStatefulSet ? "statefulsets" : "replicasets");
  const auto id = static_cast<ObjectId>(workloads_.size());
  Workload w;
  w.spec = std::move(spec);
  w.deleted = true;  // not there until the API server accepted it
  workloads_.push_back(std::move(w));
  const auto resp = co_await client.call(cluster_.api(), ApiRequest{Verb::kCreate, kind, id});
  if (!resp.ok()) co_return std::nullopt;
  Workload& created = workloads_[id];
  created.deleted = false;
  created.created_at = cluster_.sched().now();
  cluster_.sched().after(cluster_.watch().delay(), [this, id] { controller_.queue().add(id); });
  co_return static_cast<Key>(id);
}

engine::Task<bool> WorkloadController::remove(RestClient& client, Key key) {
  Workload& w = workloads_.at(key);
  const KindId kind =
      cluster_.kind(w.spec.kind == WorkloadKind::kStatefulSet ? "statefulsets" : "replicasets");
  const auto resp = co_await client.call(cluster_.api(), ApiRequest{Verb::kDelete, kind, key});
  if (!resp.ok()) co_return false;
  w.deleted = true;
  w.spec.replicas = 0;
  cluster_.sched().after(cluster_.watch().delay(), [this, key] { controller_.queue().add(key); });
  co_return true;
}

void WorkloadController::scale(Key key, int replicas) {
  workloads_.at(key).spec.replicas = replicas;
  controller_.queue().add(key);
}

engine::Task<ReconcileResult> WorkloadController::reconcile(Key key) {
  const Workload& w = workloads_[key];
  if (w.deleted && w.spec.replicas > 0) co_return ReconcileResult::success();  // not created
  if (w.deleted) {  // the garbage collector's cascade: every pod at once
    std::vector<Pod*> pods;
    for (Pod* p : w.pods)
      if (live(p)) pods.push_back(p);
    const bool ok = co_await delete_all(std::move(pods));
    co_return ok ? ReconcileResult::success() : ReconcileResult::error();
  }
  if (w.spec.kind == WorkloadKind::kStatefulSet &&
      w.spec.policy == PodManagementPolicy::kOrderedReady)
    co_return co_await ordered(key);
  co_return co_await parallel(key);
}

std::string WorkloadController::pod_name(Workload& w, int slot) {
  std::string n = w.spec.name;
  n.append("-").append(std::to_string(slot));
  return n;
}

engine::Task<ReconcileResult> WorkloadController::ordered(Key key) {
  Workload& w = workloads_[key];
  const int replicas = w.spec.replicas;
  if (static_cast<int>(w.pods.size()) < replicas) w.pods.resize(replicas, nullptr);
  for (int i = 0; i < replicas; ++i) {
    if (!live(w.pods[i])) {
      const bool ok = co_await create_batches(key, std::vector<int>(1, i));
      co_return ok ? ReconcileResult::success() : ReconcileResult::error();
    }
    if (!running_and_ready(w.pods[i])) co_return ReconcileResult::success();
  }
  if (w.all_ready_at < 0 && replicas > 0) w.all_ready_at = cluster_.sched().now();
  for (int i = static_cast<int>(w.pods.size()) - 1; i >= replicas; --i)
    if (live(w.pods[i])) {
      const bool ok = co_await cluster_.delete_pod(client_, *w.pods[i]);
      co_return ok ? ReconcileResult::success() : ReconcileResult::error();
    }
  co_return ReconcileResult::success();
}

std::vector<Pod*> WorkloadController::surplus(Workload& w) {
  std::vector<Pod*> out;
  if (w.spec.kind == WorkloadKind::kStatefulSet) {
    for (int i = static_cast<int>(w.pods.size()) - 1; i >= w.spec.replicas; --i)
      if (live(w.pods[i])) out.push_back(w.pods[i]);
    return out;
  }
  std::vector<Pod*> pods;
  for (Pod* p : w.pods)
    if (live(p)) pods.push_back(p);
  const int extra = static_cast<int>(pods.size()) - w.spec.replicas;
  if (extra <= 0) return out;
  // controller.ActivePods ranking: unassigned < assigned, not ready < ready, newer first.
  std::stable_sort(pods.begin(), pods.end(), [](const Pod* a, const Pod* b) {
    if ((a->node == nullptr) != (b->node == nullptr)) return a->node == nullptr;
    if (a->ready != b->ready) return !a->ready;
    return a->created > b->created;
  });
  out.assign(pods.begin(), pods.begin() + extra);
  return out;
}

engine::Task<ReconcileResult> WorkloadController::parallel(Key key) {
  Workload& w = workloads_[key];
  std::vector<int> missing;
  if (w.spec.kind == WorkloadKind::kStatefulSet) {
    if (static_cast<int>(w.pods.size()) < w.spec.replicas) w.pods.resize(w.spec.replicas, nullptr);
    for (int i = 0; i < w.spec.replicas; ++i)
      if (!live(w.pods[i])) missing.push_back(i);
  } else {
    std::erase_if(w.pods, [](Pod* p) { return !live(p); });
    const int n = std::min(w.spec.replicas - static_cast<int>(w.pods.size()), kBurstReplicas);
    for (int i = 0; i < n; ++i) missing.push_back(-1);
  }
  bool ok = co_await create_batches(key, std::move(missing));
  auto extra = surplus(w);
  if (ok) ok = co_await delete_all(std::move(extra));
  if (ok && w.all_ready_at < 0 && w.ready() >= w.spec.replicas && w.spec.replicas > 0)
    w.all_ready_at = cluster_.sched().now();
  co_return ok ? ReconcileResult::success() : ReconcileResult::error();
}

// slowStartBatch: batches of 1, 2, 4, ... concurrent creates; stops after a failed batch.
engine::Task<bool> WorkloadController::create_batches(Key key, std::vector<int> slots) {
  std::size_t done = 0, batch = 1;
  while (done < slots.size()) {
    const std::size_t n = std::min(batch, slots.size() - done);
    Join join{static_cast<int>(n), false, engine::WaitList(cluster_.sched())};
    for (std::size_t i = 0; i < n; ++i) create_one(key, slots[done + i], &join);
    if (join.left > 0) co_await join.done.wait();
    if (join.failed) co_return false;
    done += n;
    batch *= 2;
  }
  co_return true;
}

engine::Process WorkloadController::create_one(Key key, int slot, Join* join) {
  Workload& w = workloads_[key];
  const std::string name = pod_name(w, slot >= 0 ? slot : w.next_name++);
  auto on_event = [this, key](Pod& p) {
    controller_.queue().add(key);
    if (on_pod_event_) on_pod_event_(key, p);
  };
  Pod* p = co_await cluster_.create_pod(client_, name, w.spec.pod, on_event);
  if (!p)
    join->failed = true;
  else if (slot >= 0)
    w.pods[static_cast<std::size_t>(slot)] = p;
  else
    w.pods.push_back(p);
  if (--join->left == 0) join->done.wake_one();
}

engine::Task<bool> WorkloadController::delete_all(std::vector<Pod*> pods) {
  if (pods.empty()) co_return true;
  Join join{static_cast<int>(pods.size()), false, engine::WaitList(cluster_.sched())};
  for (Pod* p : pods) delete_one(p, &join);
  if (join.left > 0) co_await join.done.wait();
  co_return !join.failed;
}

engine::Process WorkloadController::delete_one(Pod* pod, Join* join) {
  const bool ok = co_await cluster_.delete_pod(client_, *pod);
  if (!ok) join->failed = true;
  if (--join->left == 0) join->done.wake_one();
}

}  // namespace fleetsim::k8s
