#include "k8s/PodScheduler.hpp"

#include <algorithm>

namespace fleetsim::k8s {

const char* phase_name(PodPhase p) {
  constexpr const char* names[] = {"Pending", "Running", "Succeeded", "Failed"};
  return names[static_cast<int>(p)];
}

FilterResult PodScheduler::filter_shape(const PodSpec& pod, const platform::NodeShape& shape,
                                        const platform::Resources& requested) {
  for (const auto& [key, value] : pod.node_selector) {
    const auto it = shape.labels.find(key);
    if (it == shape.labels.end() || it->second != value) return FilterResult::kNodeSelector;
  }
  if (!tolerates_node(pod.tolerations, shape.taints)) return FilterResult::kTaint;
  if (!pod.requests.fits_in(shape.allocatable() - requested)) return FilterResult::kInsufficient;
  return FilterResult::kFits;
}

FilterResult PodScheduler::filter(const PodSpec& pod, const platform::Node& node) {
  if (!node.ready() || node.deleted()) return FilterResult::kNotReady;
  return filter_shape(pod, node.shape(), node.requested);
}

double PodScheduler::score(const PodSpec& pod, const platform::Node& node) const {
  const auto alloc = node.allocatable();
  const double used[2] = {node.requested.cpu + pod.requests.cpu,
                          node.requested.memory + pod.requests.memory};
  const double cap[2] = {alloc.cpu, alloc.memory};
  double sum = 0;
  int weights = 0;
  for (int r = 0; r < 2; ++r) {
    if (cap[r] <= 0) continue;
    const double u = std::min(used[r], cap[r]);
    sum += strategy_ == ScoringStrategy::kLeastAllocated ? (cap[r] - u) * 100 / cap[r]
                                                         : u * 100 / cap[r];
    ++weights;
  }
  return weights ? sum / weights : 0;
}

platform::Node* PodScheduler::select(const PodSpec& pod,
                                     const std::vector<platform::Node*>& nodes) const {
  platform::Node* best = nullptr;
  double best_score = 0;
  for (auto* n : nodes) {
    if (filter(pod, *n) != FilterResult::kFits) continue;
    const double s = score(pod, *n);
    if (!best || s > best_score + 1e-12) {
      best = n;
      best_score = s;
    }
  }
  return best;
}

}  // namespace fleetsim::k8s
