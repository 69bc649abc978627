// ClusterSyncSystem: Hive's current SyncSet machinery (ClusterSync + lease per cluster).
//
// Models the `clustersync` controller (key = cluster), run as a StatefulSet of `replicas`
// pods: every replica sees every ClusterDeployment event and keeps only the clusters whose
// uid mod replicas is its ordinal. One reconcile: build a remote client; create the
// ClusterSync and its lease if missing; a full re-apply is due when the lease is older
// than reapply_interval x (1 + U(0, lease_jitter_fraction)), the jitter drawn afresh at
// each check; a full re-apply applies every resource of every syncset in sequence (a
// failed resource fails its syncset; the others go on), then writes the ClusterSync status
// the first time, the lease only afterwards. Result: RequeueAfter the next renewal, or a
// rate-limited requeue when any syncset failed.
// Metrics of a cluster adopted during the run (clusters of an existing fleet, with or
// without a restart, were installed before it and report none):
// hive_selectorsyncset_apply_duration_seconds per syncset at its first success, and
// hive_clustersync_first_success_duration_seconds once all of them have succeeded, both measured
// from the cluster's adoption (its install) as Hive does. Memory: 13 bytes of state per cluster,
// plus one bit per (cluster, syncset).
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

class ClusterSyncSystem final : public System {
 public:
  ClusterSyncSystem(World& world, HiveConfig config, HiveControllerConfig controller);

  const std::string& name() const override { return name_; }
  void start() override;
  bool sources_done() const override { return true; }
  double progress() const override;
  bool first_pass_done() const override { return synced_once_ == clusters_; }
  nlohmann::ordered_json summary() const override;
  // hive_* histograms (apply durations, reconcile durations by outcome).
  const HiveMetrics& metrics() const { return metrics_; }

 private:
  struct Replica {
    k8s::Controller* controller;
    std::unique_ptr<k8s::RestClient> client;
    engine::RandomStream rng;
  };
  engine::Task<k8s::ReconcileResult> reconcile(Replica& r, k8s::Key cluster);
  engine::Task<bool> hub_write(Replica& r, k8s::Verb verb, k8s::KindId kind, k8s::ObjectId id);
  double renewal_delay(Replica& r, double lease) const;
  // A watch event of the cluster's object: notes an adoption, enqueues it on its replica.
  void on_cluster_event(std::uint32_t cluster);
  // Observes a syncset's first success on a cluster adopted during the run (once).
  void first_syncset_success(std::uint32_t cluster, std::uint32_t syncset);

  World& world_;
  HiveConfig config_;
  HiveControllerConfig cfg_;
  std::string name_ = "hive";
  platform::Host* host_ = nullptr;
  HiveMetrics metrics_;
  std::unique_ptr<ResourceApplier> applier_;
  std::vector<Replica> replicas_;
  k8s::KindId clustersync_kind_ = 0, lease_kind_ = 0;
  std::uint32_t clusters_ = 0, synced_once_ = 0;
  std::vector<std::uint8_t> exists_;   // per cluster: ClusterSync and lease created
  std::vector<std::uint8_t> matches_;  // per cluster: the SelectorSyncSets select it
  std::vector<double> lease_;          // per cluster: last full re-apply, -1 = never
  std::uint64_t full_applies_ = 0, not_due_ = 0, skipped_events_ = 0;
  std::vector<float> installed_;       // per cluster: adoption time, NaN = before the run
  std::vector<bool> syncset_applied_;  // per (cluster, syncset): first success seen
  double first_pass_at_ = -1;
};

}  // namespace fleetsim::systems::hive
