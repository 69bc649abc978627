#include "systems/Fleet.hpp"

#include "engine/Sleep.hpp"
#include "systems/World.hpp"

namespace fleetsim::systems {

Fleet::Fleet(World& world, FleetConfig config) : world_(world), config_(std::move(config)) {
  const std::uint32_t n = std::max<std::uint32_t>(1, std::min(config_.spokes, config_.clusters));
  for (std::uint32_t i = 0; i < n && config_.clusters > 0; ++i) {
    auto c = config_.spoke;
    c.name = config_.spoke.name + "-" + std::to_string(i);
    spokes_.push_back(
        std::make_unique<k8s::ApiServer>(world_.sched(), c, world_.stream("apiserver/" + c.name)));
  }
  if (config_.unreachable_fraction > 0) {
    auto rng = world_.stream("fleet/unreachable");
    unreachable_.resize(config_.clusters);
    for (std::uint32_t i = 0; i < config_.clusters; ++i)
      unreachable_[i] = rng.uniform01() < config_.unreachable_fraction;
  }
  for (const auto& [key, values] : config_.labels) {
    auto rng = world_.stream("fleet/labels/" + key);
    double total = 0;
    for (const auto& v : values) total += v.second;
    auto& column = label_values_.emplace_back(config_.clusters, 0);
    for (std::uint32_t i = 0; i < config_.clusters; ++i) {
      double x = rng.uniform01() * total;
      std::uint16_t k = 0;
      while (k + 1u < values.size() && x >= values[k].second) x -= values[k++].second;
      column[i] = k;
    }
  }
  client_ = std::make_unique<k8s::RestClient>(world_.sched(), k8s::RestClientConfig{0, 0, 10, 30},
                                              &client_stats_, false);
}

const std::string& Fleet::label(std::uint32_t cluster, const std::string& key) const {
  static const std::string none;
  for (std::size_t k = 0; k < config_.labels.size(); ++k)
    if (config_.labels[k].first == key)
      return config_.labels[k].second[label_values_[k][cluster]].first;
  return none;
}

bool Fleet::matches(std::uint32_t cluster,
                    const std::vector<std::pair<std::string, std::string>>& selector) const {
  for (const auto& [key, value] : selector)
    if (label(cluster, key) != value) return false;
  return true;
}

void Fleet::start() {
  if (config_.clusters == 0 || config_.existing) {
    auto& hub = world_.api_server(config_.hub);
    const k8s::KindId kind = world_.kinds().id(config_.kind);
    auto& watch = world_.watch_hub(config_.hub);
    for (std::uint32_t c = 0; c < config_.clusters; ++c) {
      hub.store().preload(kind, c);
      watch.notify(kind, c);  // the informers' initial list: an Add event per object
    }
    adopted_ = config_.clusters;
    finished_at_ = 0;
    return;
  }
  const int streams = std::max(1, std::min<int>(config_.streams, config_.clusters));
  for (int s = 0; s < streams; ++s) stream(s);
}

engine::Process Fleet::stream(int index) {
  auto& sched = world_.sched();
  auto& hub = world_.api_server(config_.hub);
  const k8s::KindId kind = world_.kinds().id(config_.kind);
  const int streams = std::max(1, std::min<int>(config_.streams, config_.clusters));
  co_await engine::Sleep(sched, config_.start - sched.now());
  for (std::uint32_t c = index; c < config_.clusters; c += streams) {
    const double began = sched.now();
    co_await client_->call(hub, k8s::ApiRequest{k8s::Verb::kCreate, kind, c, true});
    if (++adopted_ == config_.clusters) finished_at_ = sched.now();
    co_await engine::Sleep(sched, config_.interval - (sched.now() - began));
  }
}

}  // namespace fleetsim::systems
