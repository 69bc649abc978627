#include "systems/hive/ClusterSyncSystem.hpp"

#include <cmath>
#include <limits>

#include "systems/hive/HiveReconcileObserver.hpp"

namespace fleetsim::systems::hive {

ClusterSyncSystem::ClusterSyncSystem(World& world, HiveConfig config,
                                     HiveControllerConfig controller)
    : world_(world), config_(std::move(config)), cfg_(std::move(controller)) {
  clusters_ = world_.fleet()->clusters();
  exists_.assign(clusters_, 0);
  matches_.resize(clusters_);
  for (std::uint32_t c = 0; c < clusters_; ++c)
    matches_[c] = world_.fleet()->matches(c, config_.selector);
  lease_.assign(clusters_, -1);
  installed_.assign(clusters_, std::numeric_limits<float>::quiet_NaN());
  syncset_applied_.assign(static_cast<std::size_t>(clusters_) * config_.syncsets, false);
  host_ = &world_.host(cfg_.host);
  applier_ = std::make_unique<ResourceApplier>(world_, config_, *host_, metrics_);
  clustersync_kind_ = world_.kinds().id("clustersyncs");
  lease_kind_ = world_.kinds().id("clustersyncleases");
  const int n = cfg_.replicas;
  replicas_.reserve(n);
  for (int i = 0; i < n; ++i) {
    const std::string name = n == 1 ? cfg_.name : cfg_.name + "-" + std::to_string(i);
    auto& c = world_.add_controller(name, cfg_.workers, cfg_.rate_limiter.make());
    replicas_.push_back(Replica{
        &c,
        std::make_unique<k8s::RestClient>(world_.sched(), cfg_.client, &c.client_stats(), false),
        world_.stream("controller/" + name)});
  }
  for (auto& r : replicas_) {
    Replica* rp = &r;
    r.controller->set_reconciler([this, rp](k8s::Key k) { return reconcile(*rp, k); });
  }
  auto& watch = world_.watch_hub(world_.fleet()->config().hub);
  watch.watch(world_.kinds().id(world_.fleet()->config().kind),
              [this](k8s::ObjectId cluster) { on_cluster_event(cluster); });
}

void ClusterSyncSystem::on_cluster_event(std::uint32_t cluster) {
  // A cluster's first event is its adoption, unless the fleet existed before the run (then
  // it is the informers' initial list, and the install was long before).
  if (!world_.fleet()->config().existing && std::isnan(installed_[cluster]))
    installed_[cluster] = static_cast<float>(world_.sched().now());
  // Every replica sees the event; only the owner (uid mod replicas) enqueues it.
  const auto owner = cluster % replicas_.size();
  skipped_events_ += replicas_.size() - 1;
  replicas_[owner].controller->queue().add(cluster);
}

void ClusterSyncSystem::start() {
  if (!config_.restart) return;
  // A pod restart: every ClusterSync and lease exists (never fully applied: due now).
  auto& hub = world_.api_server(world_.fleet()->config().hub);
  for (std::uint32_t c = 0; c < clusters_; ++c) {
    hub.store().preload(clustersync_kind_, c);
    hub.store().preload(lease_kind_, c);
    exists_[c] = 1;
    replicas_[c % replicas_.size()].controller->queue().add(c);
  }
}

double ClusterSyncSystem::progress() const {
  return clusters_ ? static_cast<double>(synced_once_) / clusters_ : 1.0;
}

double ClusterSyncSystem::renewal_delay(Replica& r, double lease) const {
  const double interval =
      config_.reapply_interval * (1 + r.rng.uniform(0, config_.lease_jitter_fraction));
  return lease + interval - world_.sched().now();
}

engine::Task<bool> ClusterSyncSystem::hub_write(Replica& r, k8s::Verb verb, k8s::KindId kind,
                                                k8s::ObjectId id) {
  auto& hub = world_.api_server(world_.fleet()->config().hub);
  co_return (co_await r.client->call(hub, k8s::ApiRequest{verb, kind, id, true})).ok();
}

engine::Task<k8s::ReconcileResult> ClusterSyncSystem::reconcile(Replica& r, k8s::Key cluster) {
  HiveReconcileObserver observer(metrics_, r.controller->name(), world_.sched(),
                                 HiveOutcome::kNoOp);
  using R = k8s::ReconcileResult;
  const auto& c = config_.costs;
  co_await host_->compute(c.client_build.sample(r.rng));
  if (!exists_[cluster]) {
    if (!co_await hub_write(r, k8s::Verb::kCreate, clustersync_kind_, cluster) ||
        !co_await hub_write(r, k8s::Verb::kCreate, lease_kind_, cluster))
      co_return R::error();
    exists_[cluster] = 1;
  }
  const double lease = lease_[cluster];
  if (lease >= 0) {
    const double wait = renewal_delay(r, lease);  // jitter re-drawn at each check
    if (wait > 0) {
      ++not_due_;
      co_return R::requeue_after(wait);
    }
  }
  observer.set_outcome(HiveOutcome::kFullSync);
  k8s::RestClient remote(world_.sched(), cfg_.remote_client, &r.controller->client_stats(), true);
  bool all_ok = true;
  const std::uint32_t syncsets = matches_[cluster] ? config_.syncsets : 0;
  for (std::uint32_t s = 0; s < syncsets; ++s) {
    bool ok = true;
    for (std::uint32_t i = 0; i < config_.resources && ok; ++i) {
      co_await host_->compute(c.resource_info.sample(r.rng));
      ok = co_await applier_->apply(remote, cluster, s * config_.resources + i, r.rng);
    }
    all_ok = all_ok && ok;  // a failed syncset does not stop the next one
    if (ok && lease < 0) first_syncset_success(cluster, s);
  }
  co_await host_->compute(c.status.sample(r.rng));
  const bool first = lease < 0;
  if (first && !co_await hub_write(r, k8s::Verb::kUpdate, clustersync_kind_, cluster))
    co_return R::error();
  if (!co_await hub_write(r, k8s::Verb::kUpdate, lease_kind_, cluster)) co_return R::error();
  if (!all_ok) co_return R::error();
  const double now = world_.sched().now();
  lease_[cluster] = now;
  ++full_applies_;
  if (first) {
    if (!std::isnan(installed_[cluster]))
      metrics_.observe_clustersync_first_success(now - installed_[cluster]);
    if (++synced_once_ == clusters_) first_pass_at_ = now;
  }
  co_return R::requeue_after(renewal_delay(r, now));
}

void ClusterSyncSystem::first_syncset_success(std::uint32_t cluster, std::uint32_t syncset) {
  const auto bit = static_cast<std::size_t>(cluster) * config_.syncsets + syncset;
  if (syncset_applied_[bit] || std::isnan(installed_[cluster])) return;
  syncset_applied_[bit] = true;
  metrics_.observe_selectorsyncset_first_apply(syncset, world_.sched().now() - installed_[cluster]);
}

nlohmann::ordered_json ClusterSyncSystem::summary() const {
  auto t = [](double v) {
    return v >= 0 ? nlohmann::ordered_json(std::round(v * 1000) / 1000) : nlohmann::ordered_json();
  };
  return {{"era", "clustersync"},
          {"apply_mode", config_.server_side ? "server-side" : "client-side"},
          {"replicas", replicas_.size()},
          {"clusters", clusters_},
          {"synced_once", synced_once_},
          {"first_pass_completed_at_s", t(first_pass_at_)},
          {"full_reapplies", full_applies_},
          {"not_due_requeues", not_due_},
          {"events_skipped_by_other_replicas", skipped_events_}};
}

}  // namespace fleetsim::systems::hive
