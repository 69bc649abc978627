#include "systems/workloads/WorkloadsSystem.hpp"

#include <algorithm>

#include "k8s/RateLimiterConfig.hpp"
#include "stats/SignificantFigures.hpp"
#include "systems/World.hpp"

namespace fleetsim::systems::workloads {

WorkloadsSystem::WorkloadsSystem(World& world, WorkloadsConfig config)
    : world_(world), config_(std::move(config)) {
  for (const auto& spec : config_.workloads) controller_for(spec.kind);  // before the sampler
}

k8s::WorkloadController& WorkloadsSystem::controller_for(k8s::WorkloadKind kind) {
  const bool sts = kind == k8s::WorkloadKind::kStatefulSet;
  auto& slot = sts ? statefulsets_ : replicasets_;
  if (!slot) {
    // kube-controller-manager's controllers use client-go's default controller rate limiter.
    auto& c = world_.add_controller(sts ? "statefulset" : "replicaset",
                                    sts ? config_.statefulset_workers : config_.replicaset_workers,
                                    k8s::RateLimiterConfig{}.make());
    slot = std::make_unique<k8s::WorkloadController>(c, *world_.cluster(), config_.client);
  }
  return *slot;
}

void WorkloadsSystem::start() {
  for (const auto& spec : config_.workloads) {
    auto& c = controller_for(spec.kind);
    entries_.push_back(Entry{&c, c.add(spec)});
  }
}

bool WorkloadsSystem::sources_done() const {
  return std::all_of(entries_.begin(), entries_.end(), [](const Entry& e) {
    return e.controller->workload(e.key).all_ready_at >= 0;
  });
}

double WorkloadsSystem::progress() const {
  double ready = 0, want = 0;
  for (const auto& e : entries_) {
    const auto& w = e.controller->workload(e.key);
    ready += std::min(w.ready(), w.spec.replicas);
    want += w.spec.replicas;
  }
  return want > 0 ? ready / want : 1.0;
}

void WorkloadsSystem::gauges(std::vector<std::pair<std::string, double>>& out) const {
  for (const auto& spec : config_.workloads) {
    double ready = 0;
    for (const auto& e : entries_)
      if (e.controller->workload(e.key).spec.name == spec.name)
        ready = e.controller->workload(e.key).ready();
    out.emplace_back(spec.name + ".replicas_ready", ready);
  }
}

nlohmann::ordered_json WorkloadsSystem::summary() const {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  for (const auto& e : entries_) {
    const auto& w = e.controller->workload(e.key);
    int created = 0;
    for (const auto* p : w.pods) created += p != nullptr;
    const bool sts = w.spec.kind == k8s::WorkloadKind::kStatefulSet;
    j[w.spec.name] = {
        {"kind", sts ? "StatefulSet" : "Deployment"},
        {"pod_management_policy",
         sts ? (w.spec.policy == k8s::PodManagementPolicy::kParallel ? "Parallel" : "OrderedReady")
             : ""},
        {"replicas", w.spec.replicas},
        {"ready_final", w.ready()},
        {"all_ready_at_s", w.all_ready_at >= 0
                               ? nlohmann::ordered_json(stats::six_figures(w.all_ready_at))
                               : nlohmann::ordered_json(nullptr)}};
  }
  return j;
}

}  // namespace fleetsim::systems::workloads
