// Fleet: the managed clusters, how they are adopted by the hub, and their spokes.
//
// Models: N clusters adopted over time by `streams` parallel scripts, each creating one
// cluster object (kind `kind`, id = cluster index) on the hub API server every `interval`
// seconds, starting at `start`. Cluster i belongs to stream i mod streams and talks to
// spoke API server i mod spokes (several clusters may share a spoke, as in the Hive scale
// test). A seeded fraction of clusters is unreachable (every request times out).
// Units: seconds. Invariants: adopted() <= clusters(); adoption order is cluster index
// order within a stream.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine/Process.hpp"
#include "k8s/ApiServer.hpp"
#include "k8s/RestClient.hpp"

namespace fleetsim::systems {

class World;

struct FleetConfig {
  std::uint32_t clusters = 0;
  int streams = 1;                  // parallel adoption scripts
  double interval = 0;              // seconds between two adoptions of one stream
  double start = 0;                 // seconds
  bool existing = false;            // clusters exist at t = 0; nothing is adopted
  std::uint32_t spokes = 1;         // distinct spoke API servers
  k8s::ApiServerConfig spoke;       // template of every spoke API server
  double unreachable_fraction = 0;  // of clusters
  // Cluster labels: for each key, values with weights; each cluster draws one value per key
  // from its own seeded stream (key order as given).
  std::vector<std::pair<std::string, std::vector<std::pair<std::string, double>>>> labels;
  std::string kind = "clusterdeployments";
  std::string hub = "hub";  // API server the clusters are created on
};

class Fleet {
 public:
  Fleet(World& world, FleetConfig config);

  void start();
  std::uint32_t clusters() const { return config_.clusters; }
  std::uint32_t adopted() const { return adopted_; }
  bool adoption_done() const { return adopted_ == config_.clusters; }
  double adoption_finished_at() const { return finished_at_; }
  // The value of label `key` on `cluster`, or "" if the fleet has no such label.
  const std::string& label(std::uint32_t cluster, const std::string& key) const;
  // True when the cluster has every key=value of `selector` (matchLabels semantics).
  bool matches(std::uint32_t cluster,
               const std::vector<std::pair<std::string, std::string>>& selector) const;
  bool reachable(std::uint32_t cluster) const {
    return unreachable_.empty() || !unreachable_[cluster];
  }
  k8s::ApiServer& spoke_of(std::uint32_t cluster) { return *spokes_[cluster % spokes_.size()]; }
  const std::vector<std::unique_ptr<k8s::ApiServer>>& spokes() const { return spokes_; }
  const FleetConfig& config() const { return config_; }

 private:
  engine::Process stream(int index);

  World& world_;
  FleetConfig config_;
  std::vector<std::unique_ptr<k8s::ApiServer>> spokes_;
  std::vector<bool> unreachable_;
  std::vector<std::vector<std::uint16_t>> label_values_;  // [key][cluster] -> value index
  std::unique_ptr<k8s::RestClient> client_;
  k8s::ClientStats client_stats_;
  std::uint32_t adopted_ = 0;
  double finished_at_ = -1;
};

}  // namespace fleetsim::systems
