// CoreService: a latency-sensitive service of the platform (its API, a UI backend) whose
// pods run on the core nodes, used to show whether trainee load reaches it.
//
// Models: a Deployment of `replicas` pods launched through the PodLauncher (the core pod
// template: requests, tolerations of the core group); requests from a RequestSource go
// round-robin to the pods that are Running (kube-proxy) and each runs its CPU work on one
// core of its pod's node (a FIFO core pool shared with every other pod on that node,
// trainees included when they land there). Requests arriving before any pod is Running
// wait at the service. Latency = arrival to completion.
// Units: seconds, core-seconds. Invariants: every request arrives once and completes once.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/Process.hpp"
#include "engine/RandomStream.hpp"
#include "stats/QuantileHistogram.hpp"
#include "systems/howso/HowsoConfig.hpp"
#include "systems/howso/PodLauncher.hpp"
#include "systems/serving/RequestSource.hpp"

namespace fleetsim::systems::howso {

class CoreService {
 public:
  CoreService(engine::Scheduler& sched, const CoreServiceSpec& spec, PodLauncher& launcher,
              engine::RandomStream source_rng, engine::RandomStream work_rng);

  void start();
  bool done() const { return source_->done() && completed_ == source_->emitted(); }
  nlohmann::ordered_json summary() const;

 private:
  void arrive();
  engine::Process serve(platform::Host& host, double arrival);

  engine::Scheduler& sched_;
  const CoreServiceSpec& spec_;
  PodLauncher& launcher_;
  engine::RandomStream work_rng_;
  std::unique_ptr<serving::RequestSource> source_;
  std::vector<platform::Host*> running_;
  std::deque<double> pending_;
  std::uint64_t turn_ = 0, completed_ = 0;
  stats::QuantileHistogram latency_;
};

}  // namespace fleetsim::systems::howso
