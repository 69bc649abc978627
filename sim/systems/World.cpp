#include "systems/World.hpp"

#include <algorithm>
#include <cassert>

#include "engine/Process.hpp"

namespace fleetsim::systems {

World::World(engine::Scheduler& sched, std::uint64_t seed) : sched_(sched), seed_(seed) {}

// Suspended processes first, while every part they reference is alive.
World::~World() {
  engine::destroy_suspended_processes();
}

platform::Host& World::add_host(platform::HostConfig c) {
  assert(!hosts_.count(c.name));
  auto name = c.name;
  auto& h = hosts_[name];
  h = std::make_unique<platform::Host>(sched_, std::move(c));
  return *h;
}

k8s::ApiServer& World::add_api_server(k8s::ApiServerConfig c, double watch_delay) {
  assert(!api_servers_.count(c.name));
  auto name = c.name;
  auto& hub = watch_hubs_[name];
  hub = std::make_unique<k8s::WatchHub>(sched_, watch_delay);
  auto& s = api_servers_[name];
  s = std::make_unique<k8s::ApiServer>(sched_, std::move(c), stream("apiserver/" + name),
                                       hub.get());
  return *s;
}

k8s::Controller& World::add_controller(const std::string& name, int workers,
                                       std::unique_ptr<k8s::RateLimiter> limiter) {
  controllers_.push_back(
      std::make_unique<k8s::Controller>(sched_, name, workers, std::move(limiter)));
  return *controllers_.back();
}

services::DependentService& World::add_service(services::DependentServiceConfig c) {
  assert(!services_.count(c.name));
  auto name = c.name;
  auto& s = services_[name];
  s = std::make_unique<services::DependentService>(sched_, std::move(c), stream("service/" + name));
  return *s;
}

platform::NodePool& World::add_node_pool(platform::NodePoolConfig c) {
  assert(!cluster_);
  const std::string name = c.name;
  pools_.push_back(
      std::make_unique<platform::NodePool>(sched_, std::move(c), stream("pool/" + name)));
  return *pools_.back();
}

k8s::Cluster& World::set_cluster(k8s::ClusterConfig c, const std::string& api_server) {
  cluster_ = std::make_unique<k8s::Cluster>(sched_, std::move(c), *api_servers_.at(api_server),
                                            *watch_hubs_.at(api_server), kinds_, stream("cluster"));
  for (auto& p : pools_) cluster_->add_pool(*p);
  return *cluster_;
}

k8s::ClusterAutoscaler& World::set_cluster_autoscaler(k8s::ClusterAutoscalerConfig c) {
  autoscaler_ = std::make_unique<k8s::ClusterAutoscaler>(*cluster_, std::move(c),
                                                         stream("cluster-autoscaler"));
  return *autoscaler_;
}

void World::gauges(std::vector<std::pair<std::string, double>>& out) const {
  if (cluster_) {
    out.emplace_back("pods_pending", cluster_->pending());
    out.emplace_back("pods_running", cluster_->running());
    for (const auto& p : pools_) {
      out.emplace_back(p->name() + ".nodes", p->size());
      out.emplace_back(p->name() + ".nodes_ready", p->ready_count());
    }
  }
  for (const auto& s : systems_) s->gauges(out);
}

Fleet& World::set_fleet(FleetConfig c) {
  fleet_ = std::make_unique<Fleet>(*this, std::move(c));
  return *fleet_;
}

void World::start() {
  for (auto& [name, h] : hosts_) h->start_background(stream("host/" + name + "/background"));
  if (fleet_) fleet_->start();
  if (cluster_) cluster_->start();
  if (autoscaler_) autoscaler_->start();
  for (auto& s : systems_) s->start();
  for (auto& c : controllers_) c->start();
}

bool World::sources_done() const {
  if (fleet_ && !fleet_->adoption_done()) return false;
  return std::all_of(systems_.begin(), systems_.end(),
                     [](const auto& s) { return s->sources_done(); });
}

bool World::drained() const {
  if (!sources_done()) return false;
  return std::all_of(controllers_.begin(), controllers_.end(), [](const auto& c) {
    return c->queue().len() == 0 && c->active_workers() == 0 &&
           c->queue().waiting_retry_count() == 0;
  });
}

bool World::first_pass_done() const {
  return !systems_.empty() && std::all_of(systems_.begin(), systems_.end(),
                                          [](const auto& s) { return s->first_pass_done(); });
}

double World::progress() const {
  if (systems_.empty()) return 0;
  double p = 1;
  for (const auto& s : systems_) p = std::min(p, s->progress());
  return p;
}

}  // namespace fleetsim::systems
