// Key: the identity of a Kubernetes object inside one model component.
//
// Models: the namespace/name a workqueue or rate limiter is keyed by, mapped to a dense
// integer id. Per-key state lives in flat vectors indexed by Key, grown on demand, so
// memory is O(number of keys) and the hot path never hashes.
// Units: none. Invariants: keys are small, dense ids (0, 1, 2, ...), never reused for a
// different object within one component.
#pragma once

#include <cstdint>

namespace fleetsim::k8s {

using Key = std::uint32_t;

}  // namespace fleetsim::k8s
