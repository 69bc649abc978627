// Toleration: a pod's toleration of node taints, with kube-scheduler's matching rules.
//
// Models: k8s.io/api/core/v1 Toleration.ToleratesTaint exactly:
//   - a non-empty effect must equal the taint's effect (empty matches every effect);
//   - a non-empty key must equal the taint's key (empty key + Exists matches every taint);
//   - operator Exists matches any value; Equal (or empty) needs value == taint value;
//     any other operator matches nothing.
// The TaintToleration filter plugin rejects a node if one of its NoSchedule or NoExecute
// taints is tolerated by none of the pod's tolerations (PreferNoSchedule only scores).
// Invariant: pure functions, no state.
#pragma once

#include <string>
#include <vector>

#include "platform/NodeShape.hpp"

namespace fleetsim::k8s {

struct Toleration {
  std::string key;
  std::string op = "Equal";  // Equal | Exists (the field `operator`)
  std::string value;
  std::string effect;  // empty = every effect
};

// v1.Toleration.ToleratesTaint.
bool tolerates(const Toleration& t, const platform::Taint& taint);
// TaintToleration Filter: every NoSchedule / NoExecute taint is tolerated.
bool tolerates_node(const std::vector<Toleration>& tolerations,
                    const std::vector<platform::Taint>& taints);

}  // namespace fleetsim::k8s
