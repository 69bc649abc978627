#include "systems/serving/ServingSystem.hpp"

#include <algorithm>
#include <cmath>

#include "systems/World.hpp"

namespace fleetsim::systems::serving {

ServingSystem::ServingSystem(World& world, ServingConfig config)
    : world_(world),
      config_(std::move(config)),
      work_rng_(world.stream("serving/" + config_.name + "/work")),
      balance_rng_(world.stream("serving/" + config_.name + "/balancer")),
      stats_(config_.target_p50, config_.target_p99, config_.target_window) {
  for (const auto& h : config_.hosts) hosts_.push_back(&world_.host(h));
  if (hosts_.empty())
    for (const auto& [n, h] : world_.hosts()) hosts_.push_back(h.get());
  source_ = std::make_unique<RequestSource>(world_.sched(), config_.source,
                                            world_.stream("serving/" + config_.name + "/source"),
                                            [this] { arrive(); });
  if (config_.policy == Policy::kQueue)
    shared_ = std::make_unique<RequestQueue>(world_.sched(), config_.replica.max_batch_size,
                                             config_.replica.max_wait);
  if (config_.autoscale)
    hpa_ = std::make_unique<k8s::HorizontalPodAutoscaler>(
        world_.sched(), config_.hpa, [this] { return observe(); }, [this](int n) { scale_to(n); });
}

void ServingSystem::start() {
  for (int i = 0; i < config_.replicas; ++i) add_replica();
  record_replicas();
  source_->start();
  if (hpa_) hpa_->start();
}

bool ServingSystem::sources_done() const {
  return source_->done() && stats_.completed() == source_->emitted();
}

double ServingSystem::progress() const {
  const auto planned = source_->planned();
  if (planned == 0) return sources_done() ? 1.0 : 0.0;
  return std::min(1.0, static_cast<double>(stats_.completed()) / static_cast<double>(planned));
}

platform::Host& ServingSystem::place() {
  platform::Host* best = hosts_.front();
  double best_load = 0;
  for (auto* h : hosts_) {
    const double load = (allocated_[h] + config_.replica.cpu_request) / h->cores();
    if (h == hosts_.front() || load < best_load - 1e-12) {
      best = h;
      best_load = load;
    }
  }
  allocated_[best] += config_.replica.cpu_request;
  return *best;
}

void ServingSystem::add_replica() {
  const int id = static_cast<int>(replicas_.size());
  RequestQueue* q = shared_.get();
  if (!q) {
    queues_.push_back(std::make_unique<RequestQueue>(world_.sched(), config_.replica.max_batch_size,
                                                     config_.replica.max_wait));
    q = queues_.back().get();
  }
  replicas_.push_back(std::make_unique<Replica>(
      world_.sched(), id, place(), config_.replica, *q, shared_ != nullptr, work_rng_,
      [this](Replica& r, const Batch& b) { on_done(r, b); }));
  Replica* r = replicas_.back().get();
  active_.push_back(r);
  last_cpu_.push_back(0);
  const bool initial = world_.sched().now() <= 0;
  if (initial || config_.replica.startup_delay <= 0)
    on_ready(*r);
  else
    world_.sched().after(config_.replica.startup_delay, [this, r] { on_ready(*r); });
}

void ServingSystem::on_ready(Replica& r) {
  if (r.draining()) return;
  r.start();
  ready_.push_back(&r);
  record_replicas();
  while (!pending_.empty()) {
    const double a = pending_.front();
    pending_.pop_front();
    route(a);
  }
}

void ServingSystem::scale_to(int n) {
  while (static_cast<int>(active_.size()) < n) add_replica();
  while (static_cast<int>(active_.size()) > n && active_.size() > 1) {
    Replica* r = active_.back();
    active_.pop_back();
    r->drain();
    allocated_[&r->host()] -= config_.replica.cpu_request;
    ready_.erase(std::remove(ready_.begin(), ready_.end(), r), ready_.end());
  }
  record_replicas();
}

void ServingSystem::record_replicas() {
  stats_.replicas(world_.sched().now(), static_cast<int>(active_.size()),
                  static_cast<int>(ready_.size()));
}

k8s::HpaObservation ServingSystem::observe() {
  const double now = world_.sched().now();
  const double span = now - last_sync_;
  k8s::HpaObservation o;
  o.current = static_cast<int>(active_.size());
  for (auto* r : active_) {
    const double used = r->cpu_seconds() - last_cpu_[r->id()];
    if (r->ready()) {
      ++o.ready;
      o.utilization_sum += span > 0 ? used / span / config_.replica.cpu_request : 0;
    } else {
      ++o.unready;
    }
  }
  for (const auto& r : replicas_) last_cpu_[r->id()] = r->cpu_seconds();
  last_sync_ = now;
  return o;
}

void ServingSystem::arrive() {
  const double now = world_.sched().now();
  route(now);
  std::uint64_t waiting = pending_.size() + (shared_ ? shared_->waiting() : 0);
  for (const auto& q : queues_) waiting += q->waiting();
  stats_.arrived(now, waiting);
}

Replica* ServingSystem::pick() {
  const auto n = ready_.size();
  if (n == 0) return nullptr;
  switch (config_.policy) {
    case Policy::kRandom:
      return ready_[balance_rng_.below(n)];
    case Policy::kLeastConnections: {
      const std::size_t first = turn_++ % n;
      Replica* best = ready_[first];
      for (std::size_t k = 1; k < n; ++k) {
        Replica* r = ready_[(first + k) % n];
        if (r->outstanding() < best->outstanding()) best = r;
      }
      return best;
    }
    default:
      return ready_[turn_++ % n];
  }
}

void ServingSystem::route(double arrival) {
  if (shared_ && !ready_.empty()) return shared_->push(arrival);
  Replica* r = pick();
  if (!r) return pending_.push_back(arrival);
  r->add_outstanding();
  queues_[static_cast<std::size_t>(r->id())]->push(arrival);
}

void ServingSystem::on_done(Replica&, const Batch& b) {
  const double now = world_.sched().now();
  stats_.batch(b.arrivals.size());
  for (double a : b.arrivals) stats_.completed(a, now);
}

void ServingSystem::gauges(std::vector<std::pair<std::string, double>>& out) const {
  out.emplace_back(config_.name + ".replicas", static_cast<double>(active_.size()));
  out.emplace_back(config_.name + ".replicas_ready", static_cast<double>(ready_.size()));
}

nlohmann::ordered_json ServingSystem::summary() const {
  auto j = stats_.summary(world_.sched().now(), source_->planned() > 0 && sources_done());
  int peak = 0;
  double cpu = 0;
  for (const auto& r : replicas_) {
    peak = std::max(peak, r->cores_peak());
    cpu += r->cpu_seconds();
  }
  j["workers_per_replica"] = replicas_.empty() ? 0 : replicas_.front()->workers();
  j["replica_cores_peak"] = peak;
  j["cpu_core_seconds"] = std::round(cpu * 1e3) / 1e3;
  j["requests_per_core_second"] =
      cpu > 0 ? std::round(static_cast<double>(stats_.completed()) / cpu * 1e3) / 1e3 : 0.0;
  if (hpa_) j["autoscaler_syncs"] = hpa_->syncs();
  return j;
}

}  // namespace fleetsim::systems::serving
