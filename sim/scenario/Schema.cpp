#include "scenario/Schema.hpp"

#include <initializer_list>

namespace fleetsim::scenario {

namespace {

using T = SchemaNode::Type;
using json = nlohmann::ordered_json;
using Node = std::shared_ptr<SchemaNode>;

Node make(T type, std::string doc, json def = nullptr, std::string unit = "") {
  auto n = std::make_shared<SchemaNode>();
  n->type = type;
  n->doc = std::move(doc);
  n->def = std::move(def);
  n->unit = std::move(unit);
  return n;
}
Node ranged(Node n, double min, double max = std::numeric_limits<double>::infinity()) {
  n->min = min;
  n->max = max;
  return n;
}
// Integers are read into 32-bit fields: the range stops there (no silent wrap-around).
Node integer(std::string doc, json def, double min, std::string unit = "") {
  return ranged(make(T::kInt, std::move(doc), std::move(def), std::move(unit)), min, 2147483647);
}
Node number(std::string doc, json def, double min, double max, std::string unit = "") {
  return ranged(make(T::kNumber, std::move(doc), std::move(def), std::move(unit)), min, max);
}
Node duration(std::string doc, json def, double min = 0) {
  return ranged(make(T::kDuration, std::move(doc), std::move(def), "duration"), min);
}
Node text(std::string doc, json def) {
  return make(T::kString, std::move(doc), std::move(def));
}
Node choice(std::string doc, std::vector<std::string> choices, json def) {
  auto n = make(T::kEnum, std::move(doc), std::move(def));
  n->choices = std::move(choices);
  return n;
}
Node required(Node n) {
  n->required = true;
  n->def = nullptr;
  return n;
}
Node object(std::string doc, Fields fields) {
  auto n = make(T::kObject, std::move(doc), json::object());
  n->fields = std::move(fields);
  return n;
}
Node map(std::string doc, SchemaPtr item) {
  auto n = make(T::kMap, std::move(doc), json::object());
  n->item = std::move(item);
  return n;
}
Node array(std::string doc, SchemaPtr item, json def = json::array()) {
  auto n = make(T::kArray, std::move(doc), std::move(def));
  n->item = std::move(item);
  return n;
}
Node distribution(std::string doc, json def, std::string unit = "seconds") {
  return make(T::kDistribution, std::move(doc), std::move(def), std::move(unit));
}

Node client(std::string doc, double qps, int burst) {
  return object(std::move(doc),
                {{"qps", number("Client-side rate limit (token bucket refill); 0 = unlimited.", qps,
                                0, 1e9, "requests/s")},
                 {"burst", integer("Token bucket size.", burst, 0, "requests")},
                 {"max_retries", integer("Retries of a request answered 429.", 10, 0)},
                 {"timeout", duration("Time an attempt to an unreachable server takes.", "30s")}});
}

Node latency_object() {
  auto d = [](const char* verb) {
    return distribution(std::string("Service time of ") + verb + " requests; default: `default`.",
                        nullptr);
  };
  return object(
      "Latency model inline: service time per verb.",
      {{"description", text("What this model describes.", "")},
       {"provenance",
        make(T::kObject,
             "Where the numbers come from (free-form; `fleetsim calibrate` writes the server's "
             "address and version, the date, the levels, counts, quantiles and fits, "
             "docs/calibration.md).",
             json::object())},
       {"default", distribution("Service time of verbs not listed.", "10ms")},
       {"GET", d("GET")},
       {"LIST", d("LIST")},
       {"POST", d("POST (create)")},
       {"PUT", d("PUT (update)")},
       {"PATCH", d("PATCH")},
       {"DELETE", d("DELETE")},
       {"load_curve", make(T::kPoints,
                           "Latency factor against requests in flight: [[in_flight, factor], ...], "
                           "linear between points, flat outside; empty = no slowdown.",
                           json::array())}});
}

Node api_server() {
  auto latency =
      make(T::kModelRef, "Latency model: the name of models/NAME.json, or the model inline.",
           json::object());
  latency->item = latency_object();
  return object(
      "An API server.",
      {{"seats", integer("Requests served at once (API Priority and Fairness seats of the "
                         "workload-low level: 600 x 100/245); 0 = unlimited.",
                         245, 0, "requests")},
       {"max_queue_wait", duration("Longest wait for a seat before 429.", "15s")},
       {"retry_after_min", duration("Retry-After of a first 429.", "1s")},
       {"retry_after_max", duration("Retry-After cap while 429s keep coming (doubling).", "32s")},
       {"watch_delay", duration("Write to informer event delivery (watch latency).", "50ms")},
       {"latency", latency}});
}

Node step_schema() {
  auto step = std::make_shared<SchemaNode>();
  step->type = T::kOneOf;
  step->doc = "One step: exactly one of the keys below.";
  auto steps = array("Steps, in order.", step);
  auto call = object(
      "An API call; the object id is the key being reconciled.",
      {{"server", required(text("API server name, or `spoke` (the key's cluster, "
                                "through a fresh unlimited client).",
                                nullptr))},
       {"verb",
        required(choice("Verb; APPLY = server-side apply (a PATCH that creates a missing "
                        "object).",
                        {"GET", "LIST", "POST", "PUT", "PATCH", "APPLY", "DELETE"}, nullptr))},
       {"kind", required(text("Resource kind (plural), e.g. `configmaps`.", nullptr))},
       {"changes", make(T::kBool,
                        "PUT/PATCH body changes the object (watch "
                        "event).",
                        true)}});
  step->fields = {
      {"cpu", distribution("CPU work on the controller's host.", nullptr, "core-seconds")},
      {"delay", distribution("A wait that uses no CPU (disk, sleep).", nullptr)},
      {"call", call},
      {"apply", object("Steps timed as one resource apply (counted in `applies`).",
                       {{"repeat", integer("Applies in a row.", 1, 0)}, {"steps", steps}})},
      {"repeat", object("Steps repeated.",
                        {{"count", required(integer("Times.", nullptr, 0))}, {"steps", steps}})}};
  return steps;
}

Node rate_limiter() {
  return object("Workqueue rate limiter: MaxOf(exponential per item, token bucket).",
                {{"base_delay", duration("First per-item retry delay (doubles).", "5ms")},
                 {"max_delay", duration("Per-item retry delay cap.", "1000s")},
                 {"qps", number("Overall retry bucket refill.", 10, 0, 1e9, "items/s")},
                 {"burst", integer("Overall retry bucket size.", 100, 0, "items")}});
}

Node toleration() {
  return object("A toleration (v1.Toleration).",
                {{"key", text("Taint key; empty with Exists = every taint.", "")},
                 {"operator", choice("Equal: value must match; Exists: any value.",
                                     {"Equal", "Exists"}, "Equal")},
                 {"value", text("Taint value (Equal).", "")},
                 {"effect", choice("Effect; empty = every effect.",
                                   {"", "NoSchedule", "PreferNoSchedule", "NoExecute"}, "")}});
}

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

Node points(std::string doc) {
  return make(T::kPoints, std::move(doc), json::array());
}

// When requests, workflow executions or jobs arrive (RequestSource).
Node request_source(std::string doc) {
  return object(
      std::move(doc),
      {{"kind", choice("`poisson`: Poisson arrivals at `rate` (piecewise linear: a ramp); "
                       "`constant`: evenly spaced at `rate`; `cron`: `jobs` jobs once per "
                       "`period`; `trace`: replay of (time, count) rows.",
                       {"poisson", "constant", "cron", "trace"}, "poisson")},
       {"rate", points("poisson/constant: [[time_s, requests_per_s], ...], linear between "
                       "points, flat outside (one point = a constant rate).")},
       {"count", integer("poisson/constant: arrivals in all; 0 = no limit.", 0, 0, "requests")},
       {"start", duration("First arrival not before.", "0s")},
       {"end", duration("poisson/constant: no arrival from this time; 0 = no end.", "0s")},
       {"jobs", integer("cron: jobs (e.g. one workflow per plant).", 0, 0, "jobs")},
       {"period", duration("cron: schedule period.", "1h", 1e-3)},
       {"schedule", choice("cron: `aligned` fires every job at the start of each period "
                           "(xx:00); `spread` gives each job a fixed offset, uniform over the "
                           "period.",
                           {"aligned", "spread"}, "aligned")},
       {"runs", integer("cron: periods.", 1, 1)},
       {"trace", points("trace: [[time_s, arrivals], ...] with time increasing.")},
       {"trace_file", text("trace: a CSV file of `time_s,count` rows (a header line is "
                           "skipped), relative to the scenario file; rows follow `trace`.",
                           "")}});
}

// One kind of dependent service with that kind's defaults.
Fields service_fields(const std::string& kind, int slots, const char* slots_why,
                      const char* service_time, double bandwidth) {
  const std::string k = "(" + kind + ") ";
  return {{"slots", integer(k + "Operations served at once: " + slots_why + "; 0 = unlimited.",
                            slots, 0, "operations")},
          {"service_time", distribution(k + "Time an operation holds its slot.", service_time)},
          {"queue_limit",
           integer(k + "Operations that may wait for a slot; one more is rejected at once "
                       "(the caller sees an error); 0 = unbounded.",
                   0, 0, "operations")},
          {"max_ops_per_s", number(k + "Throughput cap: every operation also passes one shared "
                                       "FIFO pipe for 1 / this; 0 = none.",
                                   0, 0, 1e12, "operations/s")},
          {"bandwidth", number(k + "Throughput cap: an operation of B bytes also occupies the "
                                   "pipe for B / this; 0 = none.",
                               bandwidth, 0, 1e15, "bytes/s")}};
}

Node services() {
  auto s = object(
      "A capacity-limited server: slots taken first-come first-served, a FIFO queue, a "
      "service time per operation, an optional throughput pipe.",
      {{"kind", choice("What it models; picks the defaults below.",
                       {"message_bus", "cache", "database", "object_store"}, "database")}});
  s->discriminator = "kind";
  s->variants["message_bus"] = service_fields(
      "message_bus", 8, "broker threads (e.g. RabbitMQ/Kafka network threads)", "1ms", 1.25e8);
  s->variants["cache"] = service_fields("cache", 1, "Redis runs commands on one thread", "50us", 0);
  s->variants["database"] =
      service_fields("database", 20, "connections of the pool in front of PostgreSQL", "5ms", 0);
  s->variants["object_store"] = service_fields(
      "object_store", 64, "concurrent requests of the gateway (S3/MinIO)", "20ms", 1.25e9);
  return map(
      "Dependent services by name (message bus, cache, database, object store) that "
      "workloads call; each is a capacity-limited server.",
      s);
}

Node serving() {
  auto source = request_source("When requests arrive.");
  auto replicas = object(
      "The pods behind the service.",
      {{"count", integer("Replicas at start (ready at t = 0).", 1, 1, "replicas")},
       {"hosts", array("Hosts replicas may run on (platform.hosts); empty = all. A new replica "
                       "goes to the host with the lowest (CPU requests + its request) / cores.",
                       text("Host.", nullptr))},
       {"cpu_request",
        ranged(make(T::kCpu, "CPU request (the HPA's utilisation base).", "1", "cores"), 1e-3)},
       {"cpu_limit", ranged(make(T::kCpu,
                                 "CPU limit: cores the replica may use at once (below "
                                 "1 core: work stretched by 1 / limit).",
                                 "1", "cores"),
                            1e-3)},
       {"workers", integer("Worker processes (gunicorn); 0 = one per core of the limit.", 0, 0)},
       {"startup_delay", duration("Creation to ready, for replicas the autoscaler adds.", "0s")}});
  auto request = object(
      "What one request costs.",
      {{"work", distribution("CPU work per request (reference speed).", "10ms", "core-seconds")},
       {"gil", make(T::kBool,
                    "true: GIL-bound, a request runs on one core; false: it releases the GIL "
                    "and is split evenly over the replica's limit cores.",
                    true)}});
  auto batching = object(
      "Request batching (KServe batcher) in front of each queue.",
      {{"max_batch_size", integer("Requests per batch; 1 = no batching.", 1, 1, "requests")},
       {"max_wait",
        duration("A batch is sent when full or when its oldest request waited this.", "100ms")},
       {"fixed_work", distribution("CPU work per batch.", "0s", "core-seconds")},
       {"per_item_work", distribution("CPU work per request of a batch (drawn once per batch).",
                                      "0s", "core-seconds")}});
  auto hpa = object(
      "HorizontalPodAutoscaler on average CPU utilisation of the replicas.",
      {{"enabled", make(T::kBool, "Scale the replicas.", false)},
       {"min_replicas", integer("Lower bound.", 1, 1, "replicas")},
       {"max_replicas", integer("Upper bound.", 10, 1, "replicas")},
       {"target_cpu_utilization", number("Target usage / request.", 0.7, 1e-3, 100, "fraction")},
       {"sync_period",
        duration("Between two syncs (--horizontal-pod-autoscaler-sync-period).", "15s", 1e-3)},
       {"tolerance", number("No change while |ratio - 1| is within this.", 0.1, 0, 10, "fraction")},
       {"scale_down_stabilization",
        duration("Scale down to the highest recommendation of this window.", "300s")}});
  auto targets =
      object("Latency targets: time above them is counted per window of completions.",
             {{"p50", duration("Median latency target; 0 = none.", "0s")},
              {"p99", duration("99th percentile latency target; 0 = none.", "0s")},
              {"window", duration("Window the percentiles are judged over.", "60s", 1e-3)}});
  return map(
      "Request-serving systems by name (inference servers, workflow runtimes): a "
      "source, a service that balances over replicas with workers, batching, an "
      "autoscaler.",
      object("A serving system.",
             {{"source", source},
              {"policy",
               choice("Load balancing: `round-robin` (kube-proxy, blind to "
                      "load), `random`, `least-connections`, `queue` (workers "
                      "pull from one shared queue).",
                      {"round-robin", "random", "least-connections", "queue"}, "round-robin")},
              {"replicas", replicas},
              {"request", request},
              {"batching", batching},
              {"autoscaler", hpa},
              {"targets", targets}}));
}

Node qualified_map(std::string doc, SchemaPtr item) {
  auto n = map(std::move(doc), std::move(item));
  n->qualified_keys = true;
  return n;
}

Node resources(std::string doc) {
  return object(std::move(doc),
                {{"cpu", ranged(make(T::kCpu, "CPU.", "0", "cores"), 0)},
                 {"memory", make(T::kMemory, "Memory.", "0", "bytes")},
                 {"extended", qualified_map("Extended resources by name, e.g. `nvidia.com/gpu`.",
                                            number("Amount.", nullptr, 0, 1e9, "devices"))}});
}

Node labels(std::string doc) {
  return qualified_map(std::move(doc), text("Label value.", nullptr));
}

Node node_pool() {
  auto taint = object(
      "A taint.",
      {{"key", required(text("Taint key.", nullptr))},
       {"value", text("Taint value.", "")},
       {"effect", required(choice("Taint effect.", {"NoSchedule", "PreferNoSchedule", "NoExecute"},
                                  nullptr))}});
  return object(
      "A node pool (cloud node group): identical nodes, autoscalable between min and max.",
      {{"cores", required(integer("Allocatable cores per node.", nullptr, 1, "cores"))},
       {"speed",
        number("Per-core speed relative to the reference core.", 1.0, 1e-6, 1e6, "factor")},
       {"memory", make(T::kMemory, "Allocatable memory per node.", "0", "bytes")},
       {"extended", qualified_map("Extended resources per node, e.g. `nvidia.com/gpu`: 8.",
                                  number("Amount.", nullptr, 0, 1e9, "devices"))},
       {"labels", labels("Node labels (matched by nodeSelector).")},
       {"taints", array("Node taints.", taint)},
       {"initial", integer("Nodes Ready at t = 0.", 0, 0, "nodes")},
       {"min_size", integer("Smallest size the cluster autoscaler keeps.", 0, 0, "nodes")},
       {"max_size", integer("Largest size the cluster autoscaler grows to.", 10, 0, "nodes")},
       {"provisioning_delay", distribution("From a scale-up request to the node Ready (boot, "
                                           "kubelet registration).",
                                           "0s")}});
}

Node cluster() {
  auto autoscaler = object(
      "cluster-autoscaler (flags and defaults of kubernetes/autoscaler).",
      {{"enabled", make(T::kBool, "Run the cluster autoscaler.", false)},
       {"scan_interval", duration("--scan-interval: between two RunOnce loops.", "10s", 1e-3)},
       {"expander", choice("--expander: which pool grows when several could (`random`: any; "
                           "`least-waste`: least unused CPU and memory on the new nodes).",
                           {"random", "least-waste"}, "random")},
       {"scale_down_enabled", make(T::kBool, "--scale-down-enabled.", true)},
       {"scale_down_utilization_threshold",
        number("--scale-down-utilization-threshold: a node below this max(cpu, memory) "
               "requested / allocatable is unneeded (only empty nodes are removed).",
               0.5, 0, 1, "fraction")},
       {"scale_down_gpu_utilization_threshold",
        number("--scale-down-gpu-utilization-threshold: the same for GPU nodes, on GPUs.", 0.5, 0,
               1, "fraction")},
       {"scale_down_unneeded_time",
        duration("--scale-down-unneeded-time: unneeded this long before removal.", "10m")},
       {"scale_down_delay_after_add",
        duration("--scale-down-delay-after-add: no scale down this long after a scale up.", "10m")},
       {"scale_down_delay_after_delete",
        duration("--scale-down-delay-after-delete (0 = the scan interval).", "0s")},
       {"max_nodes_total",
        integer("--max-nodes-total: all pools together; 0 = no cap.", 0, 0, "nodes")},
       {"max_empty_bulk_delete",
        integer("--max-empty-bulk-delete: empty nodes removed per loop.", 10, 1, "nodes")},
       {"new_pod_scale_up_delay",
        duration("--new-pod-scale-up-delay: ignore unschedulable pods younger than this.", "0s")},
       {"gpu_resource", text("Extended resource counted as GPU (the GPU label of the cloud "
                             "provider).",
                             "nvidia.com/gpu")}});
  return object(
      "The cluster whose pods run on platform.node_pools: kube-scheduler, kubelets, "
      "cluster-autoscaler. Used when node pools exist.",
      {{"api_server", text("API server pods, bindings and status go through.", "hub")},
       {"scheduler",
        object("kube-scheduler.",
               {{"scoring", choice("NodeResourcesFit scoring strategy.",
                                   {"LeastAllocated", "MostAllocated"}, "LeastAllocated")},
                {"cycle_time", duration("CPU time of one scheduling attempt (serial).", "0s")},
                {"pod_initial_backoff",
                 duration("--pod-initial-backoff-seconds: backoff of a pod's first failed "
                          "attempt (doubles).",
                          "1s")},
                {"pod_max_backoff", duration("--pod-max-backoff-seconds.", "10s")},
                {"pod_max_in_unschedulable_pods_duration",
                 duration("--pod-max-in-unschedulable-pods-duration: an unschedulable pod is "
                          "retried after this even without a cluster event (checked every 30 s).",
                          "5m")},
                {"client", client("--kube-api-qps / --kube-api-burst (bindings).", 50, 100)}})},
       {"kubelet",
        object("Kubelets (one per node).",
               {{"start_latency", distribution("Binding to Running (image pull + container "
                                               "start).",
                                               "0s")},
                {"client", client("kubeAPIQPS / kubeAPIBurst of each node (status).", 50, 100)}})},
       {"controller_manager",
        object("kube-controller-manager (statefulset and replicaset controllers).",
               {{"client", client("--kube-api-qps / --kube-api-burst.", 20, 30)},
                {"concurrent_statefulset_syncs",
                 integer("--concurrent-statefulset-syncs: statefulset controller workers.", 5, 1)},
                {"concurrent_replicaset_syncs",
                 integer("--concurrent-replicaset-syncs: replicaset controller workers.", 5, 1)}})},
       {"autoscaler", autoscaler}});
}

// A pod template; `exits_by_itself`: with the optional run time or CPU work after which the
// pod exits (a Howso trainee ends when its training does: neither).
Node pod_template(bool exits_by_itself = true) {
  Fields f = {{"requests", resources("Resource requests (what the scheduler places by).")},
              {"limits", resources("Resource limits (informative).")},
              {"tolerations", array("Tolerations.", toleration())},
              {"node_selector", labels("nodeSelector: node labels the node must have.")}};
  if (exits_by_itself) {
    f.push_back({"run_time", distribution("How long the containers run before exiting 0; none "
                                          "= until deleted (training steps need this or "
                                          "cpu_work).",
                                          nullptr)});
    f.push_back({"cpu_work", distribution("Instead of run_time: CPU work computed on the node's "
                                          "cores by as many threads as whole cores of the CPU "
                                          "limit (else request); the pod exits 0 when done.",
                                          nullptr, "core-seconds")});
  }
  return object("A pod template.", std::move(f));
}

Node workloads() {
  return map(
      "Deployments and StatefulSets by name, created at t = 0; kube-controller-manager "
      "creates their pods through `cluster.api_server`.",
      object("A workload.",
             {{"kind", choice("`Deployment` (its ReplicaSet: all pods at once, slow-start "
                              "batches) or `StatefulSet`.",
                              {"Deployment", "StatefulSet"}, "Deployment")},
              {"replicas", integer("spec.replicas.", 1, 0, "pods")},
              {"pod_management_policy",
               choice("StatefulSet spec.podManagementPolicy: `OrderedReady` creates pod i+1 "
                      "once pod i is Running and Ready; `Parallel` creates all at once.",
                      {"OrderedReady", "Parallel"}, "OrderedReady")},
              {"pod", pod_template()}}));
}

Node training() {
  return map(
      "Training workflows (Argo-Workflows-style) by name: workflows arrive from a source; each "
      "runs `steps` pods, at most `parallelism` at once, on the cluster's node pools.",
      object(
          "A workflow system.",
          {{"source", request_source("When workflows are submitted.")},
           {"steps", required(integer("Steps (pods) per workflow.", nullptr, 1, "pods"))},
           {"parallelism",
            integer("spec.parallelism: pods of one workflow at once; 0 = no limit.", 0, 0, "pods")},
           {"pod", pod_template()},
           {"controller",
            object("The workflow controller.",
                   {{"workers", integer("--workflow-workers.", 32, 1)},
                    {"client", client("--qps / --burst of workflow-controller.", 20, 30)}})}}));
}

Node howso() {
  auto pod = [](std::string doc) {
    auto p = pod_template(false);
    p->doc = std::move(doc);
    return p;
  };
  auto call = object(
      "Operations on one dependent service, one after another.",
      {{"service", required(text("A service of `services`.", nullptr))},
       {"ops", integer("Operations per iteration.", 1, 0, "operations")},
       {"bytes", number("Bytes each operation moves (bandwidth cap).", 0, 0, 1e15, "bytes")}});
  auto trainee =
      object("A trainee: a StatefulSet of one large pod that trains until done.",
             {{"pod", pod("The trainee pod's template (runs until its training is done).")},
              {"threads", integer("Training threads an iteration's CPU work is split over; 0 = the "
                                  "cores requested (rounded up).",
                                  0, 0, "threads")},
              {"iterations", integer("Training iterations.", 10, 1)},
              {"iteration_work",
               distribution("CPU work of one iteration (reference speed).", "16s", "core-seconds")},
              {"calls", array("Calls to dependent services in every iteration, after the CPU work, "
                              "in order.",
                              call)},
              {"retry_delay",
               duration("Before retrying an operation a full service queue rejected.", "1s")}});
  auto op = object(
      "The Howso operator: reconciles Trainees into StatefulSets.",
      {{"workers", integer("Concurrent reconciles.", 4, 1)},
       {"host", text("Host its CPU work runs on (platform.hosts); empty = not modelled.", "")},
       {"reconcile_cpu",
        distribution("CPU per reconcile that creates a StatefulSet.", "0s", "core-seconds")},
       {"status_writes",
        integer("PATCHes of the Trainee status after the StatefulSet POST.", 1, 0, "requests")},
       {"client",
        client("Its hub REST client (controller-runtime default 20 QPS / burst 30).", 20, 30)},
       {"rate_limiter", rate_limiter()}});
  auto core = object(
      "A latency-sensitive platform service (API, UI backend) on the core nodes: a "
      "Deployment whose replicas serve requests round-robin, each on one core of its node.",
      {{"replicas", integer("Pods; 0 = none.", 0, 0, "pods")},
       {"pod", pod("Its pod template.")},
       {"requests", request_source("When its requests arrive.")},
       {"work", distribution("CPU work per request.", "10ms", "core-seconds")}});
  return map(
      "Howso-style ML platforms by name: training requests become trainee StatefulSets through "
      "the hub API server; trainees run on the cluster's node pools and call dependent "
      "services.",
      object("An ML platform.",
             {{"hub", text("API server the operator and the controllers write to.", "hub")},
              {"requests", request_source("When training requests arrive (each creates a "
                                          "Trainee).")},
              {"operator", op},
              {"trainee", trainee},
              {"core_service", core}}));
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
             "this scenario has (e.g. a reconcile fitted by `fleetsim calibrate`).",
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

// The schema lives as long as the process and is never destroyed: the steps schema is
// recursive (a shared_ptr cycle), so destroying the root at exit would only orphan it.
const SchemaNode& scenario_schema() {
  static const SchemaPtr* s = new SchemaPtr(build_scenario());
  return **s;
}

const SchemaNode& latency_model_schema() {
  static const SchemaPtr s = latency_object();
  return *s;
}

}  // namespace fleetsim::scenario
