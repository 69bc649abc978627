// World: everything one simulation run contains, built from a scenario.
//
// Models: the platform (hosts) kept apart from the workload (API servers, fleet,
// controllers, dependent services, systems), as SimGrid keeps platform and deployment apart. Owns
// every part and hands out seeded random streams: stream(name) depends only on the scenario seed
// and the name, so a component's draws never depend on event interleavings elsewhere. Invariants:
// names are unique per part type; parts live as long as the World.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "engine/RandomStream.hpp"
#include "engine/Scheduler.hpp"
#include "k8s/ApiServer.hpp"
#include "k8s/Cluster.hpp"
#include "k8s/ClusterAutoscaler.hpp"
#include "k8s/Controller.hpp"
#include "k8s/KindRegistry.hpp"
#include "k8s/WatchHub.hpp"
#include "platform/Host.hpp"
#include "platform/NodePool.hpp"
#include "systems/ApplyStats.hpp"
#include "systems/Fleet.hpp"
#include "systems/System.hpp"
#include "systems/services/DependentService.hpp"

namespace fleetsim::systems {

class World {
 public:
  World(engine::Scheduler& sched, std::uint64_t seed);
  ~World();

  engine::Scheduler& sched() { return sched_; }
  std::uint64_t seed() const { return seed_; }
  engine::RandomStream stream(const std::string& name) const {
    return engine::RandomStream(seed_, name);
  }
  k8s::KindRegistry& kinds() { return kinds_; }
  const k8s::KindRegistry& kinds() const { return kinds_; }

  platform::Host& add_host(platform::HostConfig c);
  platform::Host& host(const std::string& name) { return *hosts_.at(name); }
  const std::map<std::string, std::unique_ptr<platform::Host>>& hosts() const { return hosts_; }

  // Node pools (platform) and the cluster whose pods run on them (workload): the scheduler
  // and kubelets talk to API server `api_server`; pools must be added before the cluster.
  platform::NodePool& add_node_pool(platform::NodePoolConfig c);
  const std::vector<std::unique_ptr<platform::NodePool>>& node_pools() const { return pools_; }
  k8s::Cluster& set_cluster(k8s::ClusterConfig c, const std::string& api_server);
  k8s::Cluster* cluster() { return cluster_.get(); }
  const k8s::Cluster* cluster() const { return cluster_.get(); }
  k8s::ClusterAutoscaler& set_cluster_autoscaler(k8s::ClusterAutoscalerConfig c);
  const k8s::ClusterAutoscaler* cluster_autoscaler() const { return autoscaler_.get(); }
  // Gauges for the time series, (column, value), the same columns at every call: the
  // cluster's pods and nodes per pool, then each system's gauges.
  void gauges(std::vector<std::pair<std::string, double>>& out) const;

  // watch_delay: seconds from a write to its informer events.
  k8s::ApiServer& add_api_server(k8s::ApiServerConfig c, double watch_delay);
  k8s::ApiServer& api_server(const std::string& name) { return *api_servers_.at(name); }
  bool has_api_server(const std::string& name) const { return api_servers_.count(name) > 0; }
  k8s::WatchHub& watch_hub(const std::string& server) { return *watch_hubs_.at(server); }
  const std::map<std::string, std::unique_ptr<k8s::ApiServer>>& api_servers() const {
    return api_servers_;
  }

  k8s::Controller& add_controller(const std::string& name, int workers,
                                  std::unique_ptr<k8s::RateLimiter> limiter);
  const std::vector<std::unique_ptr<k8s::Controller>>& controllers() const { return controllers_; }

  Fleet& set_fleet(FleetConfig c);
  Fleet* fleet() { return fleet_.get(); }
  const Fleet* fleet() const { return fleet_.get(); }

  // Dependent services (message bus, cache, database, object store) by name.
  services::DependentService& add_service(services::DependentServiceConfig c);
  services::DependentService& service(const std::string& name) { return *services_.at(name); }
  bool has_service(const std::string& name) const { return services_.count(name) > 0; }
  const std::map<std::string, std::unique_ptr<services::DependentService>>& services() const {
    return services_;
  }

  void add_system(std::unique_ptr<System> s) { systems_.push_back(std::move(s)); }
  const std::vector<std::unique_ptr<System>>& systems() const { return systems_; }

  ApplyStats& applies() { return applies_; }
  const ApplyStats& applies() const { return applies_; }

  // Starts the fleet, the systems and the controllers' workers.
  void start();
  bool sources_done() const;
  // Sources done, every queue empty, no worker busy, no error retry pending.
  bool drained() const;
  bool first_pass_done() const;
  double progress() const;

 private:
  engine::Scheduler& sched_;
  std::uint64_t seed_;
  k8s::KindRegistry kinds_;
  std::map<std::string, std::unique_ptr<platform::Host>> hosts_;
  std::map<std::string, std::unique_ptr<k8s::WatchHub>> watch_hubs_;
  std::map<std::string, std::unique_ptr<k8s::ApiServer>> api_servers_;
  std::unique_ptr<Fleet> fleet_;
  std::map<std::string, std::unique_ptr<services::DependentService>> services_;
  std::vector<std::unique_ptr<platform::NodePool>> pools_;
  std::unique_ptr<k8s::Cluster> cluster_;
  std::unique_ptr<k8s::ClusterAutoscaler> autoscaler_;
  std::vector<std::unique_ptr<k8s::Controller>> controllers_;
  std::vector<std::unique_ptr<System>> systems_;
  ApplyStats applies_;
};

}  // namespace fleetsim::systems
