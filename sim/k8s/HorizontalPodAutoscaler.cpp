#include "k8s/HorizontalPodAutoscaler.hpp"

#include <algorithm>
#include <cmath>

namespace fleetsim::k8s {

HorizontalPodAutoscaler::HorizontalPodAutoscaler(engine::Scheduler& sched, HpaConfig config,
                                                 Observe observe, Scale scale)
    : sched_(sched), config_(config), observe_(std::move(observe)), scale_(std::move(scale)) {}

void HorizontalPodAutoscaler::start() {
  sched_.after(config_.sync_period, [this] { tick(); });
}

void HorizontalPodAutoscaler::tick() {
  const HpaObservation o = observe_();
  const int desired = sync(o);
  if (desired != o.current) scale_(desired);
  sched_.after(config_.sync_period, [this] { tick(); });
}

int HorizontalPodAutoscaler::recommend(const HpaObservation& o) const {
  if (o.ready <= 0) return o.current;
  const double ratio = o.utilization_sum / o.ready / config_.target_utilization;
  if (std::abs(ratio - 1) <= config_.tolerance) return o.current;
  if (ratio < 1 || o.unready <= 0) return static_cast<int>(std::ceil(ratio * o.ready - 1e-9));
  const int all = o.ready + o.unready;
  const double ratio_all = o.utilization_sum / all / config_.target_utilization;
  if (ratio_all <= 1 + config_.tolerance) return o.current;
  return static_cast<int>(std::ceil(ratio_all * all - 1e-9));
}

int HorizontalPodAutoscaler::sync(const HpaObservation& o) {
  ++syncs_;
  const double now = sched_.now();
  const int rec = recommend(o);
  history_.emplace_back(now, rec);
  while (!history_.empty() && history_.front().first < now - config_.scale_down_window - 1e-9)
    history_.pop_front();
  int desired = rec;
  if (rec < o.current) {
    int highest = rec;
    for (const auto& [t, r] : history_) highest = std::max(highest, r);
    desired = std::min(highest, o.current);
  }
  return std::clamp(desired, config_.min_replicas, config_.max_replicas);
}

}  // namespace fleetsim::k8s
