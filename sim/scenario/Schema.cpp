#include "scenario/Schema.hpp"

#include <initializer_list>

#include "scenario/SchemaParts.hpp"

namespace fleetsim::scenario {

namespace schema {

namespace {

Node controller() {
  auto c = object(
      "A controller (controller-runtime): a workqueue and workers.",
      {{"type",
        choice("What the controller models: `steps` (generic), `hive-syncset`, "
               "`hive-syncsetinstance`, `hive-clustersync` (see `hive`).",
               {"steps", "hive-syncset", "hive-syncsetinstance", "hive-clustersync"}, "steps")},
       {"workers", integer("Concurrent reconciles (MaxConcurrentReconciles).", 5, 1)},
       {"host", text("Host its CPU work runs on (platform.hosts).", "")},
       {"client",
        client("Hub REST client (controller-runtime default 20 QPS / burst 30).", 20, 30)},
       {"remote_client", client("Client to spokes; a new one per reconcile, so unlimited.", 0, 0)},
       {"rate_limiter", rate_limiter()}});
  c->discriminator = "type";
  auto source =
      object("Arrivals of new keys 0..count-1 into this controller's queue.",
             {{"kind", choice("Arrival process.", {"poisson", "constant"}, "poisson")},
              {"rate_per_s", required(number("Arrival rate.", nullptr, 1e-12, 1e12, "keys/s"))},
              {"count", required(integer("Keys in all.", nullptr, 0))},
              {"start", duration("First arrival not before.", "0s")}});
  source->def = nullptr;
  c->variants["steps"] = {
      {"watches",
       array("Hub kinds whose writes enqueue the object id as key.", text("Kind.", nullptr))},
      {"source", source},
      {"reconcile", step_schema()},
      {"requeue_after",
       distribution("RequeueAfter after a successful reconcile; none = done.", nullptr)},
      {"keys", integer("Keys in the universe, for `first_pass` (default: source count, or fleet "
                       "clusters when watching the fleet's kind).",
                       0, 0)}};
  c->variants["hive-syncset"] = {};
  c->variants["hive-syncsetinstance"] = {};
  c->variants["hive-clustersync"] = {
      {"replicas",
       integer("StatefulSet replicas; a cluster belongs to replica uid mod replicas.", 1, 1)}};
  return c;
}

Node hive() {
  auto cost = [](const char* doc, const char* unit = "core-seconds") {
    return distribution(doc, "0s", unit);
  };
  auto costs = object(
      "Costs of Hive's steps at reference speed (environment models set these).",
      {{"client_build", cost("Remote client from the kubeconfig, per reconcile.")},
       {"resource_info", cost("kubectl helper build and Info (discovery read from the disk "
                              "cache), per resource per reconcile.")},
       {"csa_apply", cost("Client-side apply CPU per resource (OpenAPI parse, 3-way merge).")},
       {"csa_temp_file",
        cost("Client-side apply temp file I/O per resource (on the host disk).", "seconds")},
       {"ssa_apply", cost("Server-side apply CPU per resource (build the apply patch).")},
       {"status", cost("Build a status write (SyncSetInstance, ClusterSync or lease).")},
       {"syncset_reconcile", cost("syncset controller reconcile, per cluster.")},
       {"ssi_create", cost("syncset controller: build one SyncSetInstance.")}});
  return object(
      "Hive (OpenShift) SyncSets: the workload of the `hive-*` controllers.",
      {{"selector_syncsets", integer("SelectorSyncSets.", 60, 0)},
       {"selector",
        map("matchLabels of the SelectorSyncSets: a cluster gets their SyncSetInstances (or "
            "resources, in the ClusterSync era) only if it has every label = value; empty "
            "matches every cluster (the scale test).",
            text("Label value.", nullptr))},
       {"resources_per_syncset", integer("Resources (ConfigMaps) per syncset.", 10, 1)},
       {"apply_mode", choice("`client-side`: temp file + kubectl apply (GET, POST if missing, "
                             "PATCH if changed); `server-side`: one apply PATCH.",
                             {"client-side", "server-side"}, "client-side")},
       {"reapply_interval", duration("Full re-apply period.", "2h")},
       {"reapply_jitter", duration("SyncSetInstance era: RequeueAfter jitter U(0, this).", "12m")},
       {"lease_jitter_fraction",
        number("ClusterSync era: a re-apply is due after interval x (1 + U(0, this)), the "
               "jitter re-drawn at each check.",
               0.1, 0, 10, "fraction")},
       {"start", choice("`adopt`: clusters are adopted as the fleet says and SyncSetInstances "
                        "are created by the syncset controller; `restart`: the clusters and "
                        "their SyncSetInstances (with finalizers) exist and are due for "
                        "re-apply (but see restart_up_to_date), and the controllers list them "
                        "all at t = 0 (a pod restart).",
                        {"adopt", "restart"}, "adopt")},
       {"restart_up_to_date",
        object("SyncSetInstance era, `start: restart` only: what a run before the restart "
               "left behind. The first `fraction` of the SyncSetInstances, in list order (the "
               "order of that run's pass), were applied during the `over` before t = 0, "
               "evenly, oldest first; their first reconcile finds nothing due (no apply, no "
               "status write). The rest are due.",
               {{"fraction", number("Share of SyncSetInstances up to date at the restart.", 0, 0, 1,
                                    "fraction")},
                {"over", duration("Their last applies are spread over this period before "
                                  "t = 0 (at most reapply_interval).",
                                  "1h")}})},
       {"costs", costs}});
}

Node fleet() {
  auto spoke = api_server();
  spoke->doc = "Template of every spoke API server (names spoke-0, spoke-1, ...).";
  return object(
      "The managed clusters.",
      {{"clusters", integer("Number of clusters.", 0, 0, "clusters")},
       {"adoption",
        object("How clusters are adopted (created on the hub).",
               {{"streams", integer("Parallel adoption scripts.", 1, 1)},
                {"interval", duration("Between two adoptions of one stream.", "0s")},
                {"start", duration("First adoption.", "0s")},
                {"existing",
                 make(T::kBool, "The clusters already exist at t = 0 (nothing is adopted).",
                      false)}})},
       {"spokes", integer("Distinct spoke API servers; cluster i uses spoke i mod spokes.", 1, 1)},
       {"spoke", spoke},
       {"labels",
        map("Cluster labels: for each label key, a map of value -> weight; each cluster gets one "
            "value per key, drawn with these weights from a seeded stream.",
            map("Values of this key and their weights.",
                number("Weight.", nullptr, 0, 1e12, "relative")))},
       {"unreachable_fraction",
        number("Share of clusters whose requests time out.", 0, 0, 1, "fraction")},
       {"kind", text("Kind of the cluster objects on the hub.", "clusterdeployments")},
       {"hub", text("API server the clusters are created on.", "hub")}});
}

SchemaPtr build_scenario() {
  auto host = object(
      "A host.",
      {{"cores", required(integer("Cores.", nullptr, 1, "cores"))},
       {"speed",
        number("Per-core speed relative to the reference core.", 1.0, 1e-6, 1e6, "factor")},
       {"memory", make(T::kMemory, "Memory (informative).", "0", "bytes")},
       {"disk_channels", integer("Concurrent disk operations; 0 = no contention.", 0, 0)},
       {"background",
        object("Background CPU load (competes for cores with the workload).",
               {{"cores", number("Other pods on the node: not counted in `cores_used`.", 0, 0, 1e6,
                                 "reference cores")},
                {"pod_cores", number("Other processes of the measured pod (e.g. the other "
                                     "controllers of hive-controllers): counted in `cores_used`.",
                                     0, 0, 1e6, "reference cores")},
                {"burst",
                 duration("One burst of background work (reference core-seconds).", "100ms")}})}});
  auto stop = object(
      "When the run ends.",
      {{"when", choice("`drained`: every queue empty after the last scheduled event; "
                       "`first_pass`: every object reconciled successfully once; `horizon`.",
                       {"drained", "first_pass", "horizon"}, "drained")},
       {"horizon", duration("Virtual time limit in any case.", "24h")},
       {"check_interval", duration("How often the stop condition is checked.", "1s", 1e-3)}});
  auto root = object(
      "A scenario.",
      {{"name", text("Scenario name (default: the file name without extension).", nullptr)},
       {"environment",
        text("An environment model, models/NAME.json: scenario keys (platform, "
             "api_servers, fleet.spoke, hive.costs, ...) this scenario inherits; the "
             "scenario's own values win. Its `description`, `notes` and `provenance` are "
             "not inherited; its `controllers` entries apply only to `steps` controllers "
             "this scenario has (e.g. a reconcile fitted by `fleetsim calibrate`). "
             "`--set environment=NAME` runs the scenario on another model; the other "
             "--set values still win over the model's.",
             "")},
       {"description", text("What the scenario shows.", "")},
       {"seed", integer("Seed of every random stream.", 1, 0)},
       {"stop", stop},
       {"output",
        object("Results.", {{"sample_interval", duration("Time series interval.", "10s", 1e-3)}})},
       {"platform",
        object("Machines (kept apart from the workload).",
               {{"hosts", map("Hosts by name.", host)},
                {"node_pools", map("Node pools by name (nodes of the cluster).", node_pool())}})},
       {"api_servers",
        map("API servers by name (`hub` is the management cluster's).", api_server())},
       {"fleet", fleet()},
       {"controllers", map("Controllers by name.", controller())},
       {"hive", hive()},
       {"serving", serving()},
       {"services", services()},
       {"howso", howso()},
       {"cluster", cluster()},
       {"workloads", workloads()},
       {"training", training()}});
  return root;
}

}  // namespace
}  // namespace schema

// The schema lives as long as the process and is never destroyed: the steps schema is
// recursive (a shared_ptr cycle), so destroying the root at exit would only orphan it.
const SchemaNode& scenario_schema() {
  static const SchemaPtr* s = new SchemaPtr(schema::build_scenario());
  return **s;
}

const SchemaNode& latency_model_schema() {
  static const SchemaPtr s = schema::latency_object();
  return *s;
}

}  // namespace fleetsim::scenario
