// SyncSetInstanceSystem: Hive's SyncSet machinery as of July 2020 (the scale test).
//
// Models two controllers sharing the hub:
// - `syncset` (key = cluster): for each matching SelectorSyncSet without a
//   SyncSetInstance (SSI), builds and creates one (one hub POST each). Watches
//   ClusterDeployments and SSIs (an SSI event enqueues its cluster).
// - `syncsetinstance` (key = SSI = cluster x syncsets + syncset): no finalizer -> one hub
//   PUT, return (its event re-enqueues); else build a remote client, Info every resource;
//   if the last apply is younger than reapply_interval the reconcile is a no-op returning
//   RequeueAfter; otherwise apply each resource in order (the first error stops), write
//   status (one hub PUT, always: its watch event causes one more, no-op, reconcile), and
//   return RequeueAfter reapply_interval + U(0, reapply_jitter), or error.
// A restart (hive.start = restart) lists every SSI at t = 0, due unless
// hive.restart_up_to_date marks the first of them as applied shortly before.
// SelectorSyncSets match clusters by label (hive.selector); SSIs exist only for matching
// clusters. hive_selectorsyncset_apply_duration_seconds observes, per SelectorSyncSet, the
// time from an SSI's creation to its first successful apply (SSIs that existed before a
// restart had their first success then). Memory: 9 bytes of state per SSI.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "k8s/Controller.hpp"
#include "systems/System.hpp"
#include "systems/World.hpp"
#include "systems/hive/HiveConfig.hpp"
#include "systems/hive/HiveMetrics.hpp"
#include "systems/hive/ResourceApplier.hpp"

namespace fleetsim::systems::hive {

class SyncSetInstanceSystem final : public System {
 public:
  SyncSetInstanceSystem(World& world, HiveConfig config, HiveControllerConfig syncset,
                        HiveControllerConfig ssi);

  const std::string& name() const override { return name_; }
  void start() override;
  bool sources_done() const override { return true; }
  double progress() const override;
  bool first_pass_done() const override { return applied_once_ == total_; }
  nlohmann::ordered_json summary() const override;
  // hive_* histograms (apply durations, reconcile durations by outcome).
  const HiveMetrics& metrics() const { return metrics_; }

 private:
  engine::Task<k8s::ReconcileResult> reconcile_syncset(k8s::Key cluster);
  engine::Task<k8s::ReconcileResult> reconcile_ssi(k8s::Key ssi);
  engine::Task<bool> hub_write(k8s::RestClient& client, k8s::Verb verb, k8s::ObjectId ssi);
  void applied(k8s::Key ssi);
  void mark_up_to_date();

  World& world_;
  HiveConfig config_;
  HiveControllerConfig syncset_cfg_, ssi_cfg_;
  std::string name_ = "hive";
  k8s::Controller* syncset_ = nullptr;
  k8s::Controller* ssi_ = nullptr;
  platform::Host* host_ = nullptr;
  std::unique_ptr<k8s::RestClient> syncset_client_, ssi_client_;
  HiveMetrics metrics_;
  std::unique_ptr<ResourceApplier> applier_;
  engine::RandomStream syncset_rng_, ssi_rng_;
  k8s::KindId ssi_kind_ = 0;
  std::uint64_t total_ = 0;
  std::vector<std::uint8_t> matches_;  // per cluster: the selector matches it
  std::vector<std::uint8_t> flags_;    // per SSI: kExists | kFinalizer | kApplied
  // per SSI: time of the last full apply once kApplied; before that, the time the syncset
  // controller created it (-inf: it existed before a restart)
  std::vector<double> last_applied_;
  std::uint64_t created_ = 0, applied_once_ = 0, full_applies_ = 0, noops_ = 0;
  std::uint64_t up_to_date_ = 0;  // applied before a restart (hive.restart_up_to_date)
  double all_created_at_ = -1, first_pass_at_ = -1;
};

}  // namespace fleetsim::systems::hive
