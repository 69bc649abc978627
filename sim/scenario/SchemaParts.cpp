#include "scenario/SchemaParts.hpp"

namespace fleetsim::scenario::schema {

Node make(T type, std::string doc, json def, std::string unit) {
  auto n = std::make_shared<SchemaNode>();
  n->type = type;
  n->doc = std::move(doc);
  n->def = std::move(def);
  n->unit = std::move(unit);
  return n;
}
Node ranged(Node n, double min, double max) {
  n->min = min;
  n->max = max;
  return n;
}
// Integers are read into 32-bit fields: the range stops there (no silent wrap-around).
Node integer(std::string doc, json def, double min, std::string unit) {
  return ranged(make(T::kInt, std::move(doc), std::move(def), std::move(unit)), min, 2147483647);
}
Node number(std::string doc, json def, double min, double max, std::string unit) {
  return ranged(make(T::kNumber, std::move(doc), std::move(def), std::move(unit)), min, max);
}
Node duration(std::string doc, json def, double min) {
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
Node array(std::string doc, SchemaPtr item, json def) {
  auto n = make(T::kArray, std::move(doc), std::move(def));
  n->item = std::move(item);
  return n;
}
Node distribution(std::string doc, json def, std::string unit) {
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

// A pod template; `exits_by_itself`: with the optional run time or CPU work after which the
// pod exits (a Howso trainee ends when its training does: neither).
Node pod_template(bool exits_by_itself) {
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

}  // namespace fleetsim::scenario::schema
