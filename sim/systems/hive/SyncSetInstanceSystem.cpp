#include "systems/hive/SyncSetInstanceSystem.hpp"

#include <cmath>
#include <limits>

#include "systems/hive/HiveReconcileObserver.hpp"

namespace fleetsim::systems::hive {

namespace {
constexpr std::uint8_t kExists = 1, kFinalizer = 2, kApplied = 4;
}

SyncSetInstanceSystem::SyncSetInstanceSystem(World& world, HiveConfig config,
                                             HiveControllerConfig syncset, HiveControllerConfig ssi)
    : world_(world),
      config_(std::move(config)),
      syncset_cfg_(std::move(syncset)),
      ssi_cfg_(std::move(ssi)),
      syncset_rng_(world.stream("controller/" + syncset_cfg_.name)),
      ssi_rng_(world.stream("controller/" + ssi_cfg_.name)) {
  const std::uint32_t clusters = world_.fleet()->clusters();
  matches_.resize(clusters);
  std::uint64_t matching = 0;
  for (std::uint32_t c = 0; c < clusters; ++c)
    matching += matches_[c] = world_.fleet()->matches(c, config_.selector);
  total_ = matching * config_.syncsets;
  const std::uint64_t slots = static_cast<std::uint64_t>(clusters) * config_.syncsets;
  flags_.assign(slots, 0);
  last_applied_.assign(slots, -std::numeric_limits<double>::infinity());  // never
  host_ = &world_.host(ssi_cfg_.host);
  applier_ = std::make_unique<ResourceApplier>(world_, config_, *host_, metrics_);
  syncset_ = &world_.add_controller(syncset_cfg_.name, syncset_cfg_.workers,
                                    syncset_cfg_.rate_limiter.make());
  ssi_ = &world_.add_controller(ssi_cfg_.name, ssi_cfg_.workers, ssi_cfg_.rate_limiter.make());
  syncset_client_ = std::make_unique<k8s::RestClient>(world_.sched(), syncset_cfg_.client,
                                                      &syncset_->client_stats(), false);
  ssi_client_ = std::make_unique<k8s::RestClient>(world_.sched(), ssi_cfg_.client,
                                                  &ssi_->client_stats(), false);
  syncset_->set_reconciler([this](k8s::Key k) { return reconcile_syncset(k); });
  ssi_->set_reconciler([this](k8s::Key k) { return reconcile_ssi(k); });
  ssi_kind_ = world_.kinds().id("syncsetinstances");
  auto& watch = world_.watch_hub(world_.fleet()->config().hub);
  const std::uint32_t per_cluster = config_.syncsets;
  watch.watch(world_.kinds().id(world_.fleet()->config().kind),
              [this](k8s::ObjectId cluster) { syncset_->queue().add(cluster); });
  watch.watch(ssi_kind_, [this, per_cluster](k8s::ObjectId ssi) {
    syncset_->queue().add(ssi / per_cluster);
    ssi_->queue().add(ssi);
  });
}

void SyncSetInstanceSystem::start() {
  if (!config_.restart) return;
  // A pod restart: every SSI exists with its finalizer; the informers list everything.
  const auto clusters = world_.fleet()->clusters();
  for (std::uint64_t i = 0; i < total_; ++i) flags_[i] = kExists | kFinalizer;
  mark_up_to_date();
  created_ = total_;
  all_created_at_ = 0;
  auto& hub = world_.api_server(world_.fleet()->config().hub);
  for (std::uint64_t i = 0; i < total_; ++i)
    hub.store().preload(ssi_kind_, static_cast<k8s::ObjectId>(i));
  for (std::uint32_t c = 0; c < clusters; ++c) syncset_->queue().add(c);
  for (std::uint64_t i = 0; i < total_; ++i) ssi_->queue().add(static_cast<k8s::Key>(i));
}

void SyncSetInstanceSystem::mark_up_to_date() {
  // A previous run's pass took the same list order: SSI 0 was applied first (oldest).
  up_to_date_ = static_cast<std::uint64_t>(
      std::llround(config_.up_to_date_fraction * static_cast<double>(total_)));
  for (std::uint64_t i = 0; i < up_to_date_; ++i) {
    const double age =
        config_.up_to_date_over * (1.0 - static_cast<double>(i) / static_cast<double>(up_to_date_));
    last_applied_[i] = -age;
    flags_[i] |= kApplied;
  }
  applied_once_ = up_to_date_;
  if (applied_once_ == total_) first_pass_at_ = 0;
}

double SyncSetInstanceSystem::progress() const {
  return total_ ? static_cast<double>(applied_once_) / static_cast<double>(total_) : 1.0;
}

engine::Task<bool> SyncSetInstanceSystem::hub_write(k8s::RestClient& client, k8s::Verb verb,
                                                    k8s::ObjectId ssi) {
  auto& hub = world_.api_server(world_.fleet()->config().hub);
  co_return (co_await client.call(hub, k8s::ApiRequest{verb, ssi_kind_, ssi, true})).ok();
}

engine::Task<k8s::ReconcileResult> SyncSetInstanceSystem::reconcile_syncset(k8s::Key cluster) {
  HiveReconcileObserver observer(metrics_, syncset_->name(), world_.sched(),
                                 HiveOutcome::kUnspecified);  // 2020: no outcome label yet
  const auto& c = config_.costs;
  co_await host_->compute(c.syncset_reconcile.sample(syncset_rng_));
  if (!matches_[cluster]) co_return k8s::ReconcileResult::success();
  bool ok = true;
  for (std::uint32_t s = 0; s < config_.syncsets; ++s) {
    const auto ssi = static_cast<k8s::ObjectId>(cluster * config_.syncsets + s);
    if (flags_[ssi] & kExists) continue;
    co_await host_->compute(c.ssi_create.sample(syncset_rng_));
    if (!co_await hub_write(*syncset_client_, k8s::Verb::kCreate, ssi)) {
      ok = false;
      break;
    }
    flags_[ssi] |= kExists;
    last_applied_[ssi] = world_.sched().now();  // created (see the header)
    if (++created_ == total_) all_created_at_ = world_.sched().now();
  }
  co_return ok ? k8s::ReconcileResult::success() : k8s::ReconcileResult::error();
}

void SyncSetInstanceSystem::applied(k8s::Key ssi) {
  const double now = world_.sched().now();
  ++full_applies_;
  if (!(flags_[ssi] & kApplied)) {
    if (std::isfinite(last_applied_[ssi]))  // created in this run: its first success
      metrics_.observe_selectorsyncset_first_apply(ssi % config_.syncsets,
                                                   now - last_applied_[ssi]);
    flags_[ssi] |= kApplied;
    if (++applied_once_ == total_) first_pass_at_ = now;
  }
  last_applied_[ssi] = now;
}

engine::Task<k8s::ReconcileResult> SyncSetInstanceSystem::reconcile_ssi(k8s::Key ssi) {
  HiveReconcileObserver observer(metrics_, ssi_->name(), world_.sched(), HiveOutcome::kUnspecified);
  using R = k8s::ReconcileResult;
  const auto& c = config_.costs;
  auto& rng = ssi_rng_;
  const double now = world_.sched().now();
  if (!(flags_[ssi] & kExists)) co_return R::success();
  if (!(flags_[ssi] & kFinalizer)) {
    if (!co_await hub_write(*ssi_client_, k8s::Verb::kUpdate, ssi)) co_return R::error();
    flags_[ssi] |= kFinalizer;
    co_return R::success();
  }
  co_await host_->compute(c.client_build.sample(rng));
  for (std::uint32_t r = 0; r < config_.resources; ++r)
    co_await host_->compute(c.resource_info.sample(rng));
  const double last = last_applied_[ssi];
  if ((flags_[ssi] & kApplied) && now - last < config_.reapply_interval) {
    ++noops_;
    co_return R::requeue_after(last + config_.reapply_interval - world_.sched().now() +
                               rng.uniform(0, config_.reapply_jitter));
  }
  k8s::RestClient remote(world_.sched(), ssi_cfg_.remote_client, &ssi_->client_stats(), true);
  const std::uint32_t cluster = ssi / config_.syncsets, s = ssi % config_.syncsets;
  bool ok = true;
  for (std::uint32_t r = 0; r < config_.resources && ok; ++r)
    ok = co_await applier_->apply(remote, cluster, s * config_.resources + r, rng);
  co_await host_->compute(c.status.sample(rng));
  const bool written = co_await hub_write(*ssi_client_, k8s::Verb::kUpdate, ssi);
  if (!ok || !written) co_return R::error();
  applied(ssi);
  co_return R::requeue_after(config_.reapply_interval + rng.uniform(0, config_.reapply_jitter));
}

nlohmann::ordered_json SyncSetInstanceSystem::summary() const {
  auto t = [](double v) { return v >= 0 ? nlohmann::ordered_json(v) : nlohmann::ordered_json(); };
  return {{"era", "syncsetinstance"},
          {"apply_mode", config_.server_side ? "server-side" : "client-side"},
          {"syncsetinstances", total_},
          {"syncsetinstances_created", created_},
          {"all_created_at_s", t(std::round(all_created_at_ * 1000) / 1000)},
          {"up_to_date_at_restart", up_to_date_},
          {"applied_once", applied_once_},
          {"first_pass_completed_at_s", t(std::round(first_pass_at_ * 1000) / 1000)},
          {"full_applies", full_applies_},
          {"noop_reconciles", noops_}};
}

}  // namespace fleetsim::systems::hive
