// HiveMetrics: the hive_* Prometheus histograms the Hive controllers of the model observe.
//
// Models, with Hive's names, labels and buckets (shared/reference/hive-2020.md):
// - hive_syncsetinstance_apply_duration_seconds {type, result}, buckets 0.5 .. 30 s, one
//   observation per resource apply (type "apply": the default applyBehavior; result
//   "success" or "error"); its count is hive_syncsetinstance_resources_applied_total.
// - hive_controller_reconcile_seconds {controller, outcome}, buckets 0.001 .. 120 s, one
//   observation per Reconcile call (see HiveReconcileObserver).
// - hive_selectorsyncset_apply_duration_seconds {name}, buckets 5 .. 3600 s: per
//   SelectorSyncSet, the time to its first successful apply on a cluster, from the later of
//   the cluster's install and (2020) the SSI's creation or (ClusterSync) the SelectorSyncSet's
//   creation, which in the model precedes the run. Index s of the model's syncsets is named
//   selectorsyncset_name(s).
// - hive_clustersync_first_success_duration_seconds, buckets 60 .. 3600 s: per cluster,
//   install (adoption) to every syncset applied once (ClusterSync era only).
// A label set exists from its first observation on (as prometheus.HistogramVec's
// WithLabelValues), so series never disappear. Units: seconds.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "stats/Histogram.hpp"

namespace fleetsim::systems::hive {

// Label values of hive_controller_reconcile_seconds{outcome} (Hive's ReconcileOutcome).
enum class HiveOutcome { kUnspecified, kNoOp, kSkippedSync, kFullSync, kClusterSyncCreated };
inline constexpr int kHiveOutcomes = 5;
inline const char* outcome_label(HiveOutcome o) {
  constexpr const char* names[] = {"unspecified", "no-op", "skipped-sync", "full-sync",
                                   "clustersync-created"};
  return names[static_cast<int>(o)];
}

class HiveMetrics {
 public:
  using Histograms = std::array<std::optional<stats::Histogram>, kHiveOutcomes>;

  static std::vector<double> apply_buckets() { return {0.5, 1, 3, 5, 10, 20, 30}; }
  static std::vector<double> reconcile_buckets() { return {0.001, 0.01, 0.1, 1, 10, 30, 60, 120}; }
  static std::vector<double> selectorsyncset_buckets() {
    return {5, 10, 30, 60, 300, 600, 1800, 3600};
  }
  static std::vector<double> first_success_buckets() {
    return {60, 300, 600, 1200, 1800, 2400, 3000, 3600};
  }
  static std::string selectorsyncset_name(std::uint32_t s) {
    return "selectorsyncset-" + std::to_string(s);
  }

  void observe_apply(bool ok, double seconds) {
    auto& h = applies_[ok ? 0 : 1];
    if (!h) h.emplace(apply_buckets());
    h->observe(seconds);
  }
  // Makes `controller` known (its client requests count as Hive's) before any observation.
  void note_controller(const std::string& controller) { reconciles_.try_emplace(controller); }
  void observe_reconcile(const std::string& controller, HiveOutcome outcome, double seconds) {
    auto& h = reconciles_[controller][static_cast<std::size_t>(outcome)];
    if (!h) h.emplace(reconcile_buckets());
    h->observe(seconds);
  }

  void observe_selectorsyncset_first_apply(std::uint32_t syncset, double seconds) {
    if (syncset >= selectorsyncsets_.size()) selectorsyncsets_.resize(syncset + 1);
    auto& h = selectorsyncsets_[syncset];
    if (!h) h.emplace(selectorsyncset_buckets());
    h->observe(seconds);
  }
  void observe_clustersync_first_success(double seconds) {
    if (!first_success_) first_success_.emplace(first_success_buckets());
    first_success_->observe(seconds);
  }

  // Apply durations of type "apply": [0] result="success", [1] result="error".
  const std::array<std::optional<stats::Histogram>, 2>& applies() const { return applies_; }
  // Reconcile durations by controller name (every noted controller), then by HiveOutcome.
  const std::map<std::string, Histograms>& reconciles() const { return reconciles_; }
  // First-apply durations by syncset index (empty slots: not observed yet).
  const std::vector<std::optional<stats::Histogram>>& selectorsyncsets() const {
    return selectorsyncsets_;
  }
  const std::optional<stats::Histogram>& clustersync_first_success() const {
    return first_success_;
  }

 private:
  std::array<std::optional<stats::Histogram>, 2> applies_;
  std::map<std::string, Histograms> reconciles_;
  std::vector<std::optional<stats::Histogram>> selectorsyncsets_;
  std::optional<stats::Histogram> first_success_;
};

}  // namespace fleetsim::systems::hive
