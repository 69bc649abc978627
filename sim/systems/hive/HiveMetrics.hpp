// HiveMetrics: the hive_* Prometheus histograms the Hive controllers of the model observe.
//
// Models, with Hive's names, labels and buckets (shared/reference/hive-2020.md):
// - hive_syncsetinstance_apply_duration_seconds {type, result}, buckets 0.5 .. 30 s, one
//   observation per resource apply (type "apply": the default applyBehavior; result
//   "success" or "error"); its count is hive_syncsetinstance_resources_applied_total.
// - hive_controller_reconcile_seconds {controller, outcome}, buckets 0.001 .. 120 s, one
//   observation per Reconcile call (see HiveReconcileObserver).
// A label set exists from its first observation on (as prometheus.HistogramVec's
// WithLabelValues), so series never disappear. Units: seconds.
#pragma once

#include <array>
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

  // Apply durations of type "apply": [0] result="success", [1] result="error".
  const std::array<std::optional<stats::Histogram>, 2>& applies() const { return applies_; }
  // Reconcile durations by controller name (every noted controller), then by HiveOutcome.
  const std::map<std::string, Histograms>& reconciles() const { return reconciles_; }

 private:
  std::array<std::optional<stats::Histogram>, 2> applies_;
  std::map<std::string, Histograms> reconciles_;
};

}  // namespace fleetsim::systems::hive
