// TrainingSystem: training workflows (Argo-Workflows-style) whose steps run as pods on the
// cluster's node pools, e.g. K GPU steps with spec.parallelism 10.
//
// Models: a RequestSource submits workflows; the workflow controller (a Controller with
// --workflow-workers, its own RestClient) reconciles a workflow on submission and on every
// write to one of its pods (pod informer): it counts the workflow's pods that are not
// finished and creates further step pods, one POST after the other, while fewer than
// `parallelism` are active and steps remain; the workflow completes when every step pod
// has Succeeded. Pods queue Pending in the scheduler when the pools are full (or wait for
// the cluster autoscaler).
// Simplifications: steps are independent (no DAG), never fail, no retries; one pod per
// step (no init/wait containers cost); workflow status writes are not modelled.
// Units: seconds. Invariants: active pods of a workflow <= parallelism (when > 0); each
// workflow completes once, after all its steps succeeded.
#pragma once

#include <memory>
#include <vector>

#include "engine/RandomStream.hpp"
#include "k8s/Controller.hpp"
#include "k8s/RestClient.hpp"
#include "stats/QuantileHistogram.hpp"
#include "systems/System.hpp"
#include "systems/serving/RequestSource.hpp"
#include "systems/training/TrainingConfig.hpp"

namespace fleetsim::systems {
class World;
}

namespace fleetsim::systems::training {

class TrainingSystem final : public System {
 public:
  TrainingSystem(World& world, TrainingConfig config);

  const std::string& name() const override { return config_.name; }
  void start() override;
  // The source is exhausted and every workflow it submitted has completed.
  bool sources_done() const override;
  double progress() const override;
  bool first_pass_done() const override { return sources_done(); }
  nlohmann::ordered_json summary() const override;
  void gauges(std::vector<std::pair<std::string, double>>& out) const override;

 private:
  struct Workflow {
    double submitted = 0;
    double completed = -1;
    int created = 0;  // step pods created
    std::vector<k8s::Pod*> pods;
  };
  void submit();
  engine::Task<k8s::ReconcileResult> reconcile(k8s::Key key);

  World& world_;
  TrainingConfig config_;
  k8s::Controller* controller_;
  std::unique_ptr<k8s::RestClient> client_;
  std::unique_ptr<serving::RequestSource> source_;
  std::vector<Workflow> workflows_;
  std::uint64_t completed_ = 0;
  int running_workflows_ = 0;
  double first_submit_ = -1, last_complete_ = -1;
  stats::QuantileHistogram workflow_seconds_;
};

}  // namespace fleetsim::systems::training
