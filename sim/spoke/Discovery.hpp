// Discovery: the documents kube-apiserver serves about itself, as the spoke serves them.
//
// Models: /version (version.Info of a v1.32.0 server, gitVersion "v1.32.0-fleetsim"),
// /api (APIVersions), /api/v1 (APIResourceList with namespaces and configmaps, their verbs
// and short names ns, cm), /apis (an empty APIGroupList: no API group is served) and the
// OpenAPI documents kubectl asks for (see docs/spoke.md). Legacy (unaggregated) discovery
// only: the answers are application/json, which clients read as "no aggregated discovery".
// Invariants: every document is a JSON object; none depends on the store.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "spoke/SpokeRequest.hpp"

namespace fleetsim::spoke {

struct Discovery {
  // The answer for a non-resource GET path, or nothing when `segments` is not one.
  static std::optional<SpokeResponse> answer(const std::vector<std::string>& segments,
                                             const std::string& server_address);
};

}  // namespace fleetsim::spoke
