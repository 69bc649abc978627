// PodScheduler: kube-scheduler's filter and score plugins for one pod over a set of nodes.
//
// Models the default profile's plugins this model has the mechanism for:
//   Filter  NodeUnschedulable-like: the node is Ready and not deleted;
//           NodeAffinity (nodeSelector): every nodeSelector label equals the node's;
//           TaintToleration: every NoSchedule / NoExecute taint is tolerated (Toleration);
//           NodeResourcesFit: requests <= allocatable - requested, for cpu, memory and
//           every extended resource the pod requests.
//   Score   NodeResourcesFit with strategy LeastAllocated (default) or MostAllocated over
//           cpu and memory, weight 1 each: LeastAllocated = mean over resources of
//           (allocatable - requested) * 100 / allocatable, MostAllocated = requested * 100 /
//           allocatable, with the pod's requests included in `requested`.
// The highest score wins; ties go to the first node in the order given (upstream picks
// randomly among ties: a documented simplification that keeps runs deterministic).
// Not modelled: percentageOfNodesToScore (every node is scored), inter-pod affinity,
// topology spread, PreferNoSchedule scoring, image locality.
// Units: cores, bytes. Invariant: pure (no state), so unit tests need no engine.
#pragma once

#include <vector>

#include "k8s/Pod.hpp"
#include "platform/Node.hpp"

namespace fleetsim::k8s {

enum class ScoringStrategy { kLeastAllocated, kMostAllocated };

// Why a node was filtered out (kFits = it was not).
enum class FilterResult { kFits, kNotReady, kNodeSelector, kTaint, kInsufficient };

class PodScheduler {
 public:
  explicit PodScheduler(ScoringStrategy s = ScoringStrategy::kLeastAllocated) : strategy_(s) {}

  static FilterResult filter(const PodSpec& pod, const platform::Node& node);
  // The same filters against a node that does not exist yet (a pool's template), with
  // `requested` already used on it; used by the cluster autoscaler's estimator.
  static FilterResult filter_shape(const PodSpec& pod, const platform::NodeShape& shape,
                                   const platform::Resources& requested);
  double score(const PodSpec& pod, const platform::Node& node) const;
  // The best feasible node, or nullptr if none fits.
  platform::Node* select(const PodSpec& pod, const std::vector<platform::Node*>& nodes) const;
  ScoringStrategy strategy() const { return strategy_; }

 private:
  ScoringStrategy strategy_;
};

}  // namespace fleetsim::k8s
