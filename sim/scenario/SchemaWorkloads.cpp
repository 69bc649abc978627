// The workload sections of the scenario schema: dependent services, serving systems,
// the cluster (node pools, scheduler, kubelets, autoscaler), workloads, training jobs and
// Howso platforms.
#include "scenario/SchemaParts.hpp"

namespace fleetsim::scenario::schema {

namespace {

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

}  // namespace

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

}  // namespace fleetsim::scenario::schema
