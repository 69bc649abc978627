#include "k8s/Cluster.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>

#include "engine/Sleep.hpp"

namespace fleetsim::k8s {

Cluster::Cluster(engine::Scheduler& sched, ClusterConfig config, ApiServer& api, WatchHub& watch,
                 KindRegistry& kinds, engine::RandomStream rng)
    : sched_(sched),
      config_(std::move(config)),
      api_(api),
      watch_(watch),
      kinds_(kinds),
      pods_kind_(kinds.id("pods")),
      binding_kind_(kinds.id("pods/binding")),
      rng_(std::move(rng)),
      scheduler_(config_.scoring),
      scheduler_client_(sched, config_.scheduler_client, &client_stats_, false),
      wake_(sched) {
  watch_.watch(pods_kind_, [this](ObjectId id) { on_pod_event(id); });
}

void Cluster::add_pool(platform::NodePool& pool) {
  pools_.push_back(&pool);
  pool.set_on_ready([this](platform::Node& n) {
    move_unschedulable();
    if (on_node_ready_) on_node_ready_(n);
  });
}

void Cluster::start() {
  for (auto* p : pools_) p->start();
  schedule_loop();
  flush_leftover();
}

void Cluster::flush_leftover() {
  sched_.after(30, [this] {
    const double now = sched_.now();
    std::vector<Pod*> keep;
    for (Pod* p : unschedulable_) {
      if (now - last_attempt_[p->id] > config_.pod_max_unschedulable) {
        requeue_after_backoff(p);
      } else {
        keep.push_back(p);
      }
    }
    unschedulable_ = std::move(keep);
    flush_leftover();
  });
}

std::vector<platform::Node*> Cluster::live_nodes() const {
  std::vector<platform::Node*> out;
  for (auto* p : pools_)
    for (const auto& n : p->nodes())
      if (!n->deleted()) out.push_back(n.get());
  return out;
}

engine::Task<Pod*> Cluster::create_pod(RestClient& client, std::string name, PodSpec spec,
                                       std::function<void(Pod&)> on_event) {
  auto pod = std::make_unique<Pod>();
  pod->id = static_cast<ObjectId>(pods_.size());
  pod->name = std::move(name);
  pod->spec = std::move(spec);
  pod->on_event = std::move(on_event);
  Pod* p = pod.get();
  pods_.push_back(std::move(pod));
  last_attempt_.push_back(-1);
  queued_.push_back(false);
  p->deleted = true;  // not visible until the API server accepted it
  const auto resp = co_await client.call(api_, ApiRequest{Verb::kCreate, pods_kind_, p->id});
  if (!resp.ok()) {
    ++stats_.create_failures;
    co_return nullptr;
  }
  p->deleted = false;
  p->created = sched_.now();
  ++stats_.pods_created;
  stats_.pending_peak = std::max(stats_.pending_peak, ++pending_);
  co_return p;
}

engine::Task<bool> Cluster::delete_pod(RestClient& client, Pod& pod) {
  const auto resp = co_await client.call(api_, ApiRequest{Verb::kDelete, pods_kind_, pod.id});
  if (!resp.ok() || pod.deleted) co_return false;
  if (!pod.terminated()) {
    if (pod.phase == PodPhase::kPending) --pending_;
    if (pod.phase == PodPhase::kRunning) --running_;
  }
  pod.deleted = true;
  pod.ready = false;
  unschedulable_.erase(std::remove(unschedulable_.begin(), unschedulable_.end(), &pod),
                       unschedulable_.end());
  release(pod);
  co_return true;
}

void Cluster::on_pod_event(ObjectId id) {
  Pod& p = *pods_[id];
  if (!p.deleted && !p.node && !queued_[id] && p.attempts == 0) enqueue(&p);
  if (p.on_event) p.on_event(p);
}

void Cluster::enqueue(Pod* pod) {
  queued_[pod->id] = true;
  active_.push_back(pod);
  wake_.wake_one();
}

double Cluster::backoff(const Pod& pod) const {
  if (pod.attempts <= 0) return 0;
  const double b = config_.pod_initial_backoff * std::pow(2.0, pod.attempts - 1);
  return std::min(b, config_.pod_max_backoff);
}

void Cluster::requeue_after_backoff(Pod* pod) {
  queued_[pod->id] = true;
  const double at = last_attempt_[pod->id] + backoff(*pod);
  if (at <= sched_.now()) {
    queued_[pod->id] = false;
    return enqueue(pod);
  }
  ++backoff_;
  sched_.at(at, [this, pod] {
    --backoff_;
    queued_[pod->id] = false;
    if (!pod->deleted && !pod->node) enqueue(pod);
  });
}

void Cluster::move_unschedulable() {
  auto moved = std::move(unschedulable_);
  unschedulable_.clear();
  for (Pod* p : moved) requeue_after_backoff(p);
}

engine::Process Cluster::schedule_loop() {
  for (;;) {
    while (active_.empty()) co_await wake_.wait();
    Pod* p = active_.front();
    active_.pop_front();
    queued_[p->id] = false;
    if (p->deleted || p->node) continue;
    if (config_.cycle_time > 0) co_await engine::Sleep(sched_, config_.cycle_time);
    if (p->deleted || p->node) continue;
    ++p->attempts;
    ++stats_.schedule_attempts;
    last_attempt_[p->id] = sched_.now();
    platform::Node* n = scheduler_.select(p->spec, live_nodes());
    if (!n) {
      ++stats_.unschedulable_attempts;
      if (!p->unschedulable) condition_false_.push_back(p);
      p->unschedulable = true;
      unschedulable_.push_back(p);
      continue;
    }
    p->unschedulable = false;
    n->requested += p->spec.requests;  // assume
    ++n->pods;
    p->node = n;
    p->holds = true;
    bind(p, n);
  }
}

engine::Process Cluster::bind(Pod* p, platform::Node* n) {
  const auto resp = co_await scheduler_client_.call(api_, {Verb::kCreate, binding_kind_, p->id});
  if (p->deleted) co_return;
  if (!resp.ok()) {  // forget the assumed pod, retry after the backoff
    ++stats_.binding_failures;
    n->requested -= p->spec.requests;
    --n->pods;
    p->node = nullptr;
    p->holds = false;
    co_return requeue_after_backoff(p);
  }
  p->bound = sched_.now();
  co_await engine::Sleep(sched_, config_.start_latency.sample(rng_));
  if (p->deleted || n->deleted()) co_return;
  co_await write_status(p);
  if (p->deleted) co_return;
  set_running(*p);
  if (p->spec.cpu_work) {
    co_await run_cpu_work(p, n);
    if (!p->deleted) finish_pod(*p, true);
  } else if (p->spec.run_time) {
    co_await engine::Sleep(sched_, p->spec.run_time->sample(rng_));
    if (!p->deleted) finish_pod(*p, true);
  }
}

engine::Task<void> Cluster::run_cpu_work(Pod* p, platform::Node* n) {
  const int threads = p->spec.threads();
  const double work = p->spec.cpu_work->sample(rng_) / threads;
  int left = threads;
  engine::WaitList done(sched_);
  for (int i = 0; i < threads; ++i) run_thread(n, work, &left, &done);
  if (left > 0) co_await done.wait();
}

engine::Process Cluster::run_thread(platform::Node* n, double work, int* left,
                                    engine::WaitList* done) {
  co_await n->host().compute(work);
  if (--*left == 0) done->wake_one();
}

void Cluster::set_running(Pod& p) {
  p.phase = PodPhase::kRunning;
  p.ready = true;
  p.running = sched_.now();
  --pending_;
  stats_.running_peak = std::max(stats_.running_peak, ++running_);
  stats_.pending_seconds.observe(p.running - p.created);
  stats_.start_seconds.observe(p.running - p.bound);
}

engine::Task<void> Cluster::write_status(Pod* p) {
  // The kubelet retries a status update until it is accepted.
  for (;;) {
    const auto resp = co_await kubelet(p->node).call(api_, {Verb::kPatch, pods_kind_, p->id});
    if (resp.ok() || p->deleted) co_return;
    co_await engine::Sleep(sched_, 1.0);
  }
}

void Cluster::finish_pod(Pod& pod, bool succeeded) {
  assert(pod.phase == PodPhase::kRunning);
  kubelet_status(&pod, succeeded ? PodPhase::kSucceeded : PodPhase::kFailed);
}

engine::Process Cluster::kubelet_status(Pod* p, PodPhase phase) {
  const PodPhase before = p->phase;
  p->phase = phase;  // the containers have exited; the status write reports it
  p->ready = false;
  co_await write_status(p);
  if (p->deleted) co_return;
  p->finished = sched_.now();
  if (before == PodPhase::kRunning) --running_;
  if (phase == PodPhase::kSucceeded) ++stats_.pods_succeeded;
  release(*p);
}

void Cluster::release(Pod& pod) {
  if (!pod.holds) return;
  pod.holds = false;
  pod.node->requested -= pod.spec.requests;
  --pod.node->pods;
  if (pod.node->pods == 0) pod.node->requested = platform::Resources{};
  move_unschedulable();
}

const std::vector<Pod*>& Cluster::unschedulable_pods() {
  std::erase_if(condition_false_,
                [](Pod* p) { return !p->unschedulable || p->deleted || p->node; });
  return condition_false_;
}

bool Cluster::remove_node(platform::Node& node) {
  if (node.pods > 0) return false;
  kubelets_.erase(&node);
  return node.pool().remove(node);
}

RestClient& Cluster::kubelet(platform::Node* node) {
  auto& c = kubelets_[node];
  if (!c) c = std::make_unique<RestClient>(sched_, config_.kubelet_client, &client_stats_, false);
  return *c;
}

}  // namespace fleetsim::k8s
