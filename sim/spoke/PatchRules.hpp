// PatchRules: the patch formats of a Kubernetes PATCH, applied to a JSON object.
//
// Models:
//   merge (application/merge-patch+json): RFC 7386 — an object merges key by key, null
//     deletes the key, anything else (arrays too) replaces the target value.
//   strategic (application/strategic-merge-patch+json) for ConfigMap and Namespace, whose
//     fields are maps and scalars (no list has a merge key the emulator models): RFC 7386
//     plus the directives `$patch: replace` (the map becomes the patch's map without the
//     directive), `$patch: delete` (the map is removed) and `$patch: merge` (the default);
//     `$retainKeys` and `$setElementOrder/...` keys (list-order hints) are dropped.
//   json (application/json-patch+json): RFC 6902 (add, remove, replace, move, copy, test).
// Invariants: the target is not modified on error; errors throw std::invalid_argument with
// a message for the client (the API answers 400 for a malformed patch, 422 when a JSON
// patch cannot be applied — see SpokeApi).
#pragma once

#include <nlohmann/json.hpp>

namespace fleetsim::spoke {

using Json = nlohmann::ordered_json;

struct PatchRules {
  static Json merge(const Json& target, const Json& patch);
  static Json strategic(const Json& target, const Json& patch);
  static Json json_patch(const Json& target, const Json& patch);
};

}  // namespace fleetsim::spoke
