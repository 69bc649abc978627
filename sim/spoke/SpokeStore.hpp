// SpokeStore: the objects of one emulated spoke cluster (namespaces and configmaps).
//
// Models: etcd behind kube-apiserver, reduced to what the spoke serves. Every write takes
// the next value of one store-wide revision counter as the object's resourceVersion (as
// etcd's revision); creation sets a uid (UUID v4 text drawn from the store's seeded stream)
// and creationTimestamp (RFC 3339, from the injected clock). Deleting a namespace deletes
// its configmaps at once (the real namespace controller does it asynchronously).
// Units: the clock returns seconds since the Unix epoch.
// Every change is also an event (ADDED, MODIFIED, DELETED) in a bounded log that watches
// replay. Invariants: resource_version() is the largest resourceVersion ever assigned (0 before any
// write) and never decreases; keys are (resource, namespace, name), namespace "" for
// cluster-scoped resources; objects are stored without metadata.managedFields (ownership
// is the ManagedFields value beside them).
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/RandomStream.hpp"
#include "spoke/ManagedFields.hpp"

namespace fleetsim::spoke {

using Json = nlohmann::ordered_json;

struct StoredObject {
  Json object;
  ManagedFields managed;
  // The object as the API answers it: with metadata.managedFields.
  Json rendered() const;
};

// One change of the store, as a watch delivers it.
struct WatchEvent {
  std::uint64_t revision = 0;
  std::string type;  // ADDED | MODIFIED | DELETED
  std::string resource;
  std::string ns;
  Json object;  // rendered, with metadata.resourceVersion == revision
};

class SpokeStore {
 public:
  using Clock = std::function<std::int64_t()>;

  SpokeStore(Clock clock, engine::RandomStream rng);

  const StoredObject* find(const std::string& resource, const std::string& ns,
                           const std::string& name) const;
  // Objects of `resource` in namespace `ns` ("" = every namespace), by (namespace, name).
  std::vector<const StoredObject*> list(const std::string& resource, const std::string& ns) const;
  // Stores a new object: sets uid, creationTimestamp, resourceVersion.
  const StoredObject& create(const std::string& resource, const std::string& ns,
                             const std::string& name, Json object, ManagedFields managed);
  // Replaces an existing object: keeps uid and creationTimestamp, sets resourceVersion.
  const StoredObject& replace(const std::string& resource, const std::string& ns,
                              const std::string& name, Json object, ManagedFields managed);
  // Removes an object (a namespace with its configmaps); false when absent.
  bool erase(const std::string& resource, const std::string& ns, const std::string& name);

  std::uint64_t resource_version() const { return revision_; }
  // The last kEventLog changes, oldest first; a watch from a revision before compacted()
  // cannot be served (410 Gone).
  static constexpr std::size_t kEventLog = 10000;
  const std::deque<WatchEvent>& events() const { return events_; }
  std::uint64_t compacted() const { return compacted_; }
  // Called after every change (the transport's watch fan-out).
  void set_listener(std::function<void(const WatchEvent&)> listener) {
    listener_ = std::move(listener);
  }
  std::string now_rfc3339() const;
  std::int64_t now() const { return clock_(); }
  std::string new_uid();
  // Five characters of [bcdfghjklmnpqrstvwxz2456789], as generateName appends.
  std::string random_suffix();
  std::vector<std::string> namespace_names() const;

 private:
  using Key = std::tuple<std::string, std::string, std::string>;  // resource, ns, name

  void emit(const char* type, const std::string& resource, const std::string& ns, Json object);

  Clock clock_;
  engine::RandomStream rng_;
  std::uint64_t revision_ = 0;
  std::map<Key, StoredObject> objects_;
  std::deque<WatchEvent> events_;
  std::uint64_t compacted_ = 0;
  std::function<void(const WatchEvent&)> listener_;
};

}  // namespace fleetsim::spoke
