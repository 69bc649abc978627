#include "k8s/ClusterAutoscaler.hpp"

#include <algorithm>

namespace fleetsim::k8s {

namespace {

// A node (real or simulated) in the autoscaler's scheduling simulation.
struct Bin {
  const platform::NodeShape* shape;
  platform::Resources requested;
};

// First fit of `pod` into `bins`; true if it fit (and is then counted there).
bool first_fit(const PodSpec& pod, std::vector<Bin>& bins) {
  for (auto& b : bins)
    if (PodScheduler::filter_shape(pod, *b.shape, b.requested) == FilterResult::kFits) {
      b.requested += pod.requests;
      return true;
    }
  return false;
}

}  // namespace

ClusterAutoscaler::ClusterAutoscaler(Cluster& cluster, ClusterAutoscalerConfig config,
                                     engine::RandomStream rng)
    : cluster_(cluster), config_(std::move(config)), rng_(std::move(rng)) {}

void ClusterAutoscaler::start() {
  cluster_.sched().after(config_.scan_interval, [this] {
    scan();
    start();
  });
}

void ClusterAutoscaler::scan() {
  ++stats_.scans;
  scale_up();
  if (config_.scale_down_enabled) scale_down();
}

int ClusterAutoscaler::total_nodes() const {
  int n = 0;
  for (auto* p : cluster_.pools()) n += p->size();
  return n;
}

// Unschedulable pods old enough that fit neither a Ready node nor a node on its way.
std::vector<Pod*> ClusterAutoscaler::pods_needing_nodes() {
  const double now = cluster_.sched().now();
  std::vector<Bin> bins;
  for (auto* n : cluster_.live_nodes()) bins.push_back(Bin{&n->shape(), n->requested});
  std::vector<Pod*> out;
  const auto& unschedulable = cluster_.unschedulable_pods();
  stats_.unschedulable_pods = static_cast<int>(unschedulable.size());
  for (Pod* p : unschedulable) {
    if (now - p->created < config_.new_pod_scale_up_delay) continue;
    if (!first_fit(p->spec, bins)) out.push_back(p);
  }
  return out;
}

std::vector<ScaleUpOption> ClusterAutoscaler::scale_up_options() {
  const auto pods = pods_needing_nodes();
  std::vector<ScaleUpOption> options;
  if (pods.empty()) return options;
  int room_total = config_.max_nodes_total > 0 ? config_.max_nodes_total - total_nodes() : 1 << 30;
  for (auto* pool : cluster_.pools()) {
    const int room = std::min(pool->config().max_size - pool->size(), room_total);
    if (room <= 0) continue;
    const auto& shape = pool->config().shape;
    std::vector<Bin> bins;
    ScaleUpOption o{pool, 0, 0, 0};
    platform::Resources used;
    for (Pod* p : pods) {
      if (PodScheduler::filter_shape(p->spec, shape, {}) != FilterResult::kFits) continue;
      if (!first_fit(p->spec, bins)) {
        if (static_cast<int>(bins.size()) == room) continue;
        bins.push_back(Bin{&shape, {}});
        first_fit(p->spec, bins);
      }
      ++o.pods;
      used += p->spec.requests;
    }
    if (o.pods == 0) continue;
    o.nodes = static_cast<int>(bins.size());
    const auto cap = shape.allocatable();
    double waste = 0;
    int parts = 0;
    if (cap.cpu > 0) waste += 1 - used.cpu / (cap.cpu * o.nodes), ++parts;
    if (cap.memory > 0) waste += 1 - used.memory / (cap.memory * o.nodes), ++parts;
    o.waste = parts ? waste / parts : 0;
    options.push_back(o);
  }
  return options;
}

const ScaleUpOption* ClusterAutoscaler::choose(const std::vector<ScaleUpOption>& options) {
  std::vector<const ScaleUpOption*> best;
  for (const auto& o : options) {
    if (config_.expander == Expander::kLeastWaste && !best.empty()) {
      if (o.waste < best.front()->waste - 1e-9)
        best.clear();
      else if (o.waste > best.front()->waste + 1e-9)
        continue;
    }
    best.push_back(&o);
  }
  if (best.empty()) return nullptr;
  return best.size() == 1 ? best.front() : best[rng_.below(best.size())];
}

void ClusterAutoscaler::scale_up() {
  const auto options = scale_up_options();
  const ScaleUpOption* o = choose(options);
  if (!o) return;
  const int added = o->pool->scale_up(o->nodes);
  if (added == 0) return;
  const double now = cluster_.sched().now();
  ++stats_.scale_ups;
  stats_.scaled_up_nodes += static_cast<std::uint64_t>(added);
  if (stats_.first_scale_up_at < 0) stats_.first_scale_up_at = now;
  last_scale_up_ = now;
}

double ClusterAutoscaler::utilization(const platform::Node& n) const {
  const auto cap = n.allocatable();
  const double gpus = cap.get(config_.gpu_resource);
  if (gpus > 0) return n.requested.get(config_.gpu_resource) / gpus;
  double u = 0;
  if (cap.cpu > 0) u = std::max(u, n.requested.cpu / cap.cpu);
  if (cap.memory > 0) u = std::max(u, n.requested.memory / cap.memory);
  return u;
}

void ClusterAutoscaler::scale_down() {
  const double now = cluster_.sched().now();
  std::vector<platform::Node*> candidates;
  for (auto* n : cluster_.live_nodes()) {
    const bool gpu = n->allocatable().get(config_.gpu_resource) > 0;
    const double threshold = gpu ? config_.scale_down_gpu_utilization_threshold
                                 : config_.scale_down_utilization_threshold;
    if (!n->ready() || n->pods > 0 || utilization(*n) >= threshold) {
      unneeded_since_.erase(n);
      continue;
    }
    const double since = unneeded_since_.emplace(n, now).first->second;
    if (now - since >= config_.scale_down_unneeded_time - 1e-9) candidates.push_back(n);
  }
  if (now - last_scale_up_ < config_.scale_down_delay_after_add - 1e-9) return;
  if (now - last_delete_ < config_.scale_down_delay_after_delete - 1e-9) return;
  int deleted = 0;
  for (auto* n : candidates) {
    if (deleted == config_.max_empty_bulk_delete) break;
    if (!cluster_.remove_node(*n)) continue;
    unneeded_since_.erase(n);
    ++deleted;
  }
  if (deleted == 0) return;
  stats_.scaled_down_nodes += static_cast<std::uint64_t>(deleted);
  last_delete_ = now;
}

}  // namespace fleetsim::k8s
