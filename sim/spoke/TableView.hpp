// TableView: the server-side printing of `kubectl get` (meta.k8s.io/v1 Table).
//
// Models: kube-apiserver's answer to `Accept: application/json;as=Table;v=v1;g=meta.k8s.io`:
// column definitions and one row per object, with the printer columns of the core kinds —
// Namespace: NAME, STATUS, AGE; ConfigMap: NAME, DATA (number of data + binaryData keys),
// AGE — and the object's metadata as PartialObjectMetadata (kubectl adds NAMESPACE from it).
// AGE is apimachinery's duration.HumanDuration of now - creationTimestamp.
// Units: seconds. Invariants: rows are in the order given; wanted() is true only when the
// Accept header asks for a v1 Table.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "spoke/ObjectRules.hpp"
#include "spoke/SpokeStore.hpp"

namespace fleetsim::spoke {

struct TableView {
  static bool wanted(std::string_view accept);
  static Json table(const ResourceKind& kind, const std::vector<const StoredObject*>& objects,
                    std::uint64_t resource_version, std::int64_t now);
  // duration.HumanDuration: "45s", "3m20s", "2h5m", "3d4h", "400d", "2y30d", ...
  static std::string age(std::int64_t seconds);
};

}  // namespace fleetsim::spoke
