#include "systems/training/TrainingSystem.hpp"

#include <algorithm>

#include "k8s/RateLimiterConfig.hpp"
#include "stats/SignificantFigures.hpp"
#include "systems/World.hpp"

namespace fleetsim::systems::training {

TrainingSystem::TrainingSystem(World& world, TrainingConfig config)
    : world_(world), config_(std::move(config)) {
  controller_ =
      &world_.add_controller(config_.name, config_.workers, k8s::RateLimiterConfig{}.make());
  client_ = std::make_unique<k8s::RestClient>(world_.sched(), config_.client,
                                              &controller_->client_stats(), false);
  controller_->set_reconciler([this](k8s::Key k) { return reconcile(k); });
  source_ = std::make_unique<serving::RequestSource>(
      world_.sched(), config_.source, world_.stream("training/" + config_.name + "/source"),
      [this] { submit(); });
}

void TrainingSystem::start() {
  source_->start();
}

void TrainingSystem::submit() {
  const double now = world_.sched().now();
  if (first_submit_ < 0) first_submit_ = now;
  workflows_.push_back(Workflow{now, -1, 0, {}});
  ++running_workflows_;
  controller_->queue().add(static_cast<k8s::Key>(workflows_.size() - 1));
}

engine::Task<k8s::ReconcileResult> TrainingSystem::reconcile(k8s::Key key) {
  Workflow& w = workflows_[key];
  if (w.completed >= 0) co_return k8s::ReconcileResult::success();
  int active = 0, succeeded = 0;
  for (const k8s::Pod* p : w.pods) {
    if (p->phase == k8s::PodPhase::kSucceeded && p->finished >= 0)
      ++succeeded;
    else if (!p->terminated())
      ++active;
  }
  if (succeeded == config_.steps) {
    const double now = world_.sched().now();
    w.completed = now;
    last_complete_ = now;
    ++completed_;
    --running_workflows_;
    workflow_seconds_.observe(now - w.submitted);
    co_return k8s::ReconcileResult::success();
  }
  auto* cluster = world_.cluster();
  while (w.created < config_.steps && (config_.parallelism == 0 || active < config_.parallelism)) {
    std::string name = config_.name;
    name.append("-").append(std::to_string(key)).append("-").append(std::to_string(w.created));
    auto& q = controller_->queue();
    k8s::Pod* p = co_await cluster->create_pod(*client_, std::move(name), config_.pod,
                                               [&q, key](k8s::Pod&) { q.add(key); });
    if (!p) co_return k8s::ReconcileResult::error();
    w.pods.push_back(p);
    ++w.created;
    ++active;
  }
  co_return k8s::ReconcileResult::success();
}

bool TrainingSystem::sources_done() const {
  return source_->done() && completed_ == source_->emitted();
}

double TrainingSystem::progress() const {
  const auto planned = source_->planned();
  if (planned == 0) return sources_done() ? 1.0 : 0.0;
  return std::min(1.0, static_cast<double>(completed_) / static_cast<double>(planned));
}

void TrainingSystem::gauges(std::vector<std::pair<std::string, double>>& out) const {
  out.emplace_back(config_.name + ".workflows_running", running_workflows_);
}

nlohmann::ordered_json TrainingSystem::summary() const {
  const auto fig = stats::six_figures;
  stats::QuantileHistogram pending;
  std::uint64_t pods = 0;
  for (const auto& w : workflows_)
    for (const k8s::Pod* p : w.pods) {
      ++pods;
      if (p->running >= 0) pending.observe(p->running - p->created);
    }
  nlohmann::ordered_json j;
  j["workflows"] = {{"submitted", workflows_.size()}, {"completed", completed_}};
  j["steps_per_workflow"] = config_.steps;
  j["parallelism"] = config_.parallelism;
  j["makespan_s"] = last_complete_ >= 0 && completed_ == workflows_.size()
                        ? nlohmann::ordered_json(fig(last_complete_ - first_submit_))
                        : nlohmann::ordered_json(nullptr);
  j["workflow_seconds"] = {{"p50", fig(workflow_seconds_.quantile(0.5))},
                           {"p99", fig(workflow_seconds_.quantile(0.99))},
                           {"max", fig(workflow_seconds_.max())},
                           {"mean", fig(workflow_seconds_.mean())}};
  j["pods_created"] = pods;
  j["pod_pending_seconds"] = {{"p50", fig(pending.quantile(0.5))},
                              {"p99", fig(pending.quantile(0.99))},
                              {"max", fig(pending.max())},
                              {"mean", fig(pending.mean())}};
  return j;
}

}  // namespace fleetsim::systems::training
