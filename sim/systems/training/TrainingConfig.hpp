// TrainingConfig: the parameters of a training-workflow system (see TrainingSystem).
//
// Units: seconds, pods. Invariants (checked by the schema): steps >= 1; parallelism >= 0
// (0 = no limit); the pod template has a run time.
#pragma once

#include <string>

#include "k8s/Pod.hpp"
#include "k8s/RestClient.hpp"
#include "systems/serving/RequestSource.hpp"

namespace fleetsim::systems::training {

struct TrainingConfig {
  std::string name;
  serving::SourceSpec source;  // when workflows are submitted
  int steps = 1;               // pods per workflow
  int parallelism = 0;         // spec.parallelism; 0 = no limit
  k8s::PodSpec pod;            // every step's pod
  int workers = 32;            // --workflow-workers
  k8s::RestClientConfig client{20, 30, 10, 30};
};

}  // namespace fleetsim::systems::training
