// ObjectStore: which objects exist on an API server, and their resourceVersion.
//
// Models: the state an API server's etcd holds, reduced to existence and a version per
// object. Objects are addressed by (kind, dense object id). Semantics of the verbs:
// GET/PATCH/PUT/DELETE of a missing object -> 404; CREATE of an existing one -> 409;
// a server-side apply PATCH of a missing object creates it (201).
// Memory: 4 bytes per object id of each kind up to the largest id used.
#pragma once

#include <cstdint>
#include <vector>

#include "k8s/ApiRequest.hpp"

namespace fleetsim::k8s {

class ObjectStore {
 public:
  // Applies the request's effect on the store; returns the HTTP code.
  int apply(const ApiRequest& r);
  bool exists(KindId kind, ObjectId id) const { return version(kind, id) != 0; }
  std::uint32_t version(KindId kind, ObjectId id) const;
  // Creates an object directly (initial state of a cluster), without a request.
  void preload(KindId kind, ObjectId id);
  std::uint64_t objects() const { return objects_; }

 private:
  std::uint32_t& slot(KindId kind, ObjectId id);
  std::vector<std::vector<std::uint32_t>> versions_;  // [kind][id]; 0 = absent
  std::uint64_t objects_ = 0;
};

}  // namespace fleetsim::k8s
