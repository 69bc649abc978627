// Step: one action of a step-defined reconcile (the generic controller's "program").
//
// Models: what a controller does for a key, in order: burn CPU on its host (core-seconds
// at reference speed), wait (disk, sleep), call an API server (through the controller's
// rate-limited hub client, or a fresh unlimited client for a spoke), a group of steps
// timed as one resource apply, or a group repeated N times. A failed call ends the
// reconcile with an error (rate-limited requeue).
#pragma once

#include <string>
#include <vector>

#include "engine/Distribution.hpp"
#include "k8s/ApiRequest.hpp"

namespace fleetsim::systems {

struct Step {
  enum class Type { kCpu, kDelay, kCall, kApply, kRepeat };
  Type type = Type::kDelay;
  engine::Distribution dist = engine::Distribution::constant(0);  // kCpu, kDelay
  std::string server;  // kCall: an API server name, or "spoke" (the key's cluster)
  k8s::Verb verb = k8s::Verb::kGet;
  std::string kind;                // kCall: resource kind; object id = the key
  k8s::KindId kind_id = 0;         // kCall: `kind` resolved in the World's KindRegistry
  bool changes = true;             // kCall PATCH/PUT: the body changes the object
  bool server_side_apply = false;  // kCall PATCH: apply-patch (creates if missing)
  int repeat = 1;                  // kRepeat, kApply
  std::vector<Step> steps;         // kApply, kRepeat
};

}  // namespace fleetsim::systems
