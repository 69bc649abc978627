// SpokeApi: the request handling of an emulated Kubernetes API server, socket-free.
//
// Models: the part of kube-apiserver v1.32 that fleetsim calibrate and kubectl use:
// /version, discovery (/api, /api/v1, /apis, /openapi/v2, /openapi/v3), health (/healthz,
// /livez, /readyz), and namespaces and configmaps (core/v1) with get, list (labelSelector,
// fieldSelector metadata.name / metadata.namespace), create, update, patch (merge,
// strategic-merge, JSON patch, server-side apply) and delete, with resourceVersion
// preconditions, dryRun=All, watch (list with watch=true; handle() answers the events a
// new watch starts with, the transport keeps streaming) and metav1.Status errors (see Status,
// ObjectRules, ManagedFields, PatchRules). Authentication: when a token or client certificates are
// configured, a request must carry `Authorization: Bearer TOKEN` or a verified client
// certificate, else 401. Requests bodies over 3 MiB get 413, as kube-apiserver's limit.
// Units: none (latency and faults belong to the transport, SpokeServer).
// Invariants: handle() never throws and never crashes on any input; every answer that is
// not 2xx carries a Status body; only successful writes change the store.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/RandomStream.hpp"
#include "spoke/FieldSelector.hpp"
#include "spoke/LabelSelector.hpp"
#include "spoke/ObjectRules.hpp"
#include "spoke/RequestTarget.hpp"
#include "spoke/SpokeRequest.hpp"
#include "spoke/SpokeStore.hpp"

namespace fleetsim::spoke {

struct SpokeApiConfig {
  std::string token;                           // "" = no bearer-token authentication
  bool client_certificates = false;            // a verified client certificate authenticates
  std::string server_address = "127.0.0.1:0";  // HOST:PORT, for /api
};

// What a request is, for latency, faults and counts: verb is GET, LIST, POST, PUT, PATCH or
// DELETE for resource requests (LIST = GET of a collection) and the HTTP method otherwise;
// resource is "namespaces", "configmaps" or "" (discovery, health, unknown paths).
struct RequestInfo {
  std::string verb;
  std::string resource;
  std::string ns;
  std::string name;
};

// A watch (GET of a collection with watch=true): which changes it delivers, from where.
struct WatchSpec {
  const ResourceKind* kind = nullptr;
  std::string ns;  // "" = every namespace
  LabelSelector labels;
  FieldSelector fields;
  std::string from;       // the resourceVersion parameter ("" or "0": current state first)
  double timeout = 1800;  // seconds (timeoutSeconds), then the stream ends
  bool table = false;     // the client asked for Tables (kubectl get -w): one row per event
  bool matches(const WatchEvent& e) const;
};

class SpokeApi {
 public:
  SpokeApi(SpokeApiConfig config, SpokeStore::Clock clock, engine::RandomStream rng);

  // The answer to one request (the pure entry point; safe on any input).
  SpokeResponse handle(const SpokeRequest& request) noexcept;
  bool authenticated(const SpokeRequest& request) const;
  // When `request` is a watch: its spec, or nothing with the 400 answer in `error`.
  // Not a watch: nothing, `error` empty.
  std::optional<WatchSpec> watch_spec(const SpokeRequest& request,
                                      std::optional<SpokeResponse>& error) const;
  // The events a new watch starts with: ADDED for every matching object when `from` is ""
  // or "0", else the logged changes after `from`; a single ERROR event (410 Expired) when
  // `from` is older than the log.
  std::vector<WatchEvent> initial_events(const WatchSpec& spec) const;
  // One event on the wire: {"type":...,"object":...} and a newline (the object as a
  // one-row Table when the watch asked for Tables).
  std::string frame(const WatchEvent& e, const WatchSpec& spec) const;
  static RequestInfo classify(const SpokeRequest& request);

  const SpokeStore& store() const { return store_; }
  SpokeStore& store() { return store_; }
  SpokeApiConfig& config() { return config_; }

 private:
  struct Route {
    const ResourceKind* kind = nullptr;
    std::string ns;
    std::string name;
    bool all_namespaces = false;  // /api/v1/configmaps
  };
  static bool route(const RequestTarget& t, Route& r);

  SpokeResponse dispatch(const SpokeRequest& req);
  SpokeResponse get(const Route& r, const SpokeRequest& req) const;
  SpokeResponse list(const Route& r, const RequestTarget& t, const SpokeRequest& req) const;
  SpokeResponse create(const Route& r, const RequestTarget& t, const SpokeRequest& req);
  SpokeResponse update(const Route& r, const RequestTarget& t, const SpokeRequest& req);
  SpokeResponse patch(const Route& r, const RequestTarget& t, const SpokeRequest& req);
  SpokeResponse apply(const Route& r, const RequestTarget& t, const Json& body, bool dry_run);
  SpokeResponse remove(const Route& r, const RequestTarget& t, const SpokeRequest& req);
  SpokeResponse replace(const Route& r, const RequestTarget& t, const SpokeRequest& req,
                        const StoredObject& before, Json o, bool dry,
                        const std::vector<std::string>& warnings);

  // Validates `after` (the whole new object) and stores it as an update of `before` by
  // `manager` (or returns the object unchanged when nothing changed).
  SpokeResponse write_update(const Route& r, const StoredObject& before, Json after,
                             ManagedFields managed, bool dry_run);
  SpokeResponse write_create(const Route& r, Json object, ManagedFields managed, bool dry_run);
  // Server-owned fields a client cannot set (uid, resourceVersion, ...) reset from `before`.
  void server_fields(const ResourceKind& k, Json& after, const Json* before) const;
  std::optional<SpokeResponse> namespace_missing(const Route& r) const;
  static std::string manager_of(const RequestTarget& t, const SpokeRequest& req);

  SpokeApiConfig config_;
  SpokeStore store_;
};

}  // namespace fleetsim::spoke
