#include "systems/hive/ResourceApplier.hpp"

namespace fleetsim::systems::hive {

ResourceApplier::ResourceApplier(World& world, const HiveConfig& config, platform::Host& host,
                                 HiveMetrics& metrics)
    : world_(world),
      config_(config),
      host_(host),
      metrics_(metrics),
      configmaps_(world.kinds().id("configmaps")) {}

engine::Task<bool> ResourceApplier::apply(k8s::RestClient& remote, std::uint32_t cluster,
                                          std::uint32_t object, engine::RandomStream& rng) {
  auto& sched = world_.sched();
  auto* fleet = world_.fleet();
  auto& spoke = fleet->spoke_of(cluster);
  const bool reachable = fleet->reachable(cluster);
  const double began = sched.now();
  bool ok = false;
  if (config_.server_side) {
    co_await host_.compute(config_.costs.ssa_apply.sample(rng));
    k8s::ApiRequest patch{k8s::Verb::kPatch, configmaps_, object, true, true};
    ok = (co_await remote.call(spoke, patch, reachable)).ok();
  } else {
    co_await host_.disk_io(config_.costs.csa_temp_file.sample(rng));
    co_await host_.compute(config_.costs.csa_apply.sample(rng));
    k8s::ApiRequest get{k8s::Verb::kGet, configmaps_, object};
    const auto live = co_await remote.call(spoke, get, reachable);
    if (live.code == 404) {
      k8s::ApiRequest post{k8s::Verb::kCreate, configmaps_, object};
      const auto created = co_await remote.call(spoke, post, reachable);
      ok = created.ok() || created.code == 409;  // another cluster's copy won the race
    } else {
      ok = live.ok();  // identical object: kubectl sends no PATCH
    }
  }
  world_.applies().record(sched.now() - began, ok);
  metrics_.observe_apply(ok, sched.now() - began);
  co_return ok;
}

}  // namespace fleetsim::systems::hive
