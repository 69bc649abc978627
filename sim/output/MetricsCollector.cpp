#include "output/MetricsCollector.hpp"

#include <array>
#include <map>
#include <memory>
#include <optional>
#include <tuple>

#include "fleetsim_version.h"
#include "output/ClusterMetrics.hpp"
#include "stats/Histogram.hpp"
#include "systems/hive/ClusterSyncSystem.hpp"
#include "systems/hive/HiveMetrics.hpp"
#include "systems/hive/SyncSetInstanceSystem.hpp"

namespace fleetsim::output {

namespace {

using H = stats::Histogram;
constexpr MetricType kCounter = MetricType::kCounter, kGauge = MetricType::kGauge,
                     kHistogram = MetricType::kHistogram;

void add_controllers(MetricsSnapshot& s, const systems::World& w) {
  const auto& cs = w.controllers();
  auto wq = [](const k8s::Controller& c) {
    return MetricLabels{{"name", c.name()}, {"controller", c.name()}};
  };
  auto ctl = [](const k8s::Controller& c) { return MetricLabels{{"controller", c.name()}}; };
  {
    auto& f = s.add_family("workqueue_depth", "Current depth of workqueue", kGauge);
    for (const auto& c : cs) f.add(wq(*c), static_cast<double>(c->queue().metrics().depth));
  }
  {
    auto& f = s.add_family("workqueue_adds", "Total number of adds handled by workqueue", kCounter);
    for (const auto& c : cs) f.add(wq(*c), static_cast<double>(c->queue().metrics().adds_total));
  }
  {
    auto& f = s.add_family("workqueue_queue_duration_seconds",
                           "How long in seconds an item stays in workqueue before being requested",
                           kHistogram, H::workqueue_buckets());
    for (const auto& c : cs) f.add(wq(*c), c->queue().metrics().queue_duration);
  }
  {
    auto& f = s.add_family("workqueue_work_duration_seconds",
                           "How long in seconds processing an item from workqueue takes.",
                           kHistogram, H::workqueue_buckets());
    for (const auto& c : cs) f.add(wq(*c), c->queue().metrics().work_duration);
  }
  {
    auto& f = s.add_family("workqueue_unfinished_work_seconds",
                           "How many seconds of work has been done that is in progress and hasn't "
                           "been observed by work_duration. Large values indicate stuck threads. "
                           "One can deduce the number of stuck threads by observing the rate at "
                           "which this increases.",
                           kGauge);
    for (const auto& c : cs) f.add(wq(*c), c->queue().unfinished_work_seconds());
  }
  {
    auto& f = s.add_family("workqueue_longest_running_processor_seconds",
                           "How many seconds has the longest running processor for workqueue been "
                           "running.",
                           kGauge);
    for (const auto& c : cs) f.add(wq(*c), c->queue().longest_running_processor_seconds());
  }
  {
    auto& f =
        s.add_family("workqueue_retries", "Total number of retries handled by workqueue", kCounter);
    for (const auto& c : cs) f.add(wq(*c), static_cast<double>(c->queue().metrics().retries_total));
  }
  {
    auto& f = s.add_family("controller_runtime_reconcile",
                           "Total number of reconciliations per controller", kCounter);
    for (const auto& c : cs)
      for (int k = 0; k < k8s::kResultKinds; ++k)
        f.add({{"controller", c->name()},
               {"result", k8s::result_label(static_cast<k8s::ReconcileResult::Kind>(k))}},
              static_cast<double>(c->stats().reconciles_by_result[static_cast<std::size_t>(k)]));
  }
  {
    auto& f = s.add_family("controller_runtime_reconcile_errors",
                           "Total number of reconciliation errors per controller", kCounter);
    for (const auto& c : cs) f.add(ctl(*c), static_cast<double>(c->stats().errors_total));
  }
  {
    auto& f = s.add_family("controller_runtime_reconcile_time_seconds",
                           "Length of time per reconciliation per controller", kHistogram,
                           H::reconcile_time_buckets());
    for (const auto& c : cs) f.add(ctl(*c), c->stats().reconcile_time);
  }
  {
    auto& f = s.add_family("controller_runtime_max_concurrent_reconciles",
                           "Maximum number of concurrent reconciles per controller", kGauge);
    for (const auto& c : cs) f.add(ctl(*c), c->workers());
  }
  {
    auto& f = s.add_family("controller_runtime_active_workers",
                           "Number of currently used workers per controller", kGauge);
    for (const auto& c : cs) f.add(ctl(*c), c->active_workers());
  }
}

void add_clients(MetricsSnapshot& s, const systems::World& w) {
  // client-go: one rest_client_requests_total per process, over every client it has; the
  // fleet's spoke servers are summed under host="spokes" (bounded cardinality).
  std::map<std::tuple<std::string, std::string, std::string>, double> rest;
  for (const auto& c : w.controllers())
    for (const auto& [k, e] : c->client_stats().entries())
      rest[{k.code == 0 ? "<error>" : std::to_string(k.code), std::string(k8s::http_method(k.verb)),
            k.remote ? "spokes" : k.host}] += static_cast<double>(e.count);
  auto& f = s.add_family("rest_client_requests",
                         "Number of HTTP requests, partitioned by status code, method, and host.",
                         kCounter);
  for (const auto& [k, n] : rest)
    f.add({{"code", std::get<0>(k)}, {"method", std::get<1>(k)}, {"host", std::get<2>(k)}}, n);
}

void add_api_servers(MetricsSnapshot& s, const systems::World& w) {
  const auto& kinds = w.kinds();
  auto& dur = s.add_family("apiserver_request_duration_seconds",
                           "Response latency distribution in seconds for each verb, dry run value, "
                           "group, version, resource, subresource, scope and component.",
                           kHistogram, H::apiserver_request_duration_buckets());
  auto add_server = [&](const std::string& name,
                        const std::vector<const k8s::ApiServer*>& servers) {
    for (std::size_t k = 0; k < kinds.size(); ++k)
      for (int v = 0; v < k8s::kVerbCount; ++v) {
        std::optional<H> sum;
        for (const auto* srv : servers)
          if (const auto* h =
                  srv->duration_histogram(static_cast<k8s::KindId>(k), static_cast<k8s::Verb>(v))) {
            if (!sum) sum.emplace(H::apiserver_request_duration_buckets());
            sum->merge(*h);
          }
        if (sum)
          dur.add({{"server", name},
                   {"verb", std::string(k8s::api_verb(static_cast<k8s::Verb>(v)))},
                   {"resource", kinds.name(static_cast<k8s::KindId>(k))}},
                  *sum);
      }
  };
  std::vector<std::pair<std::string, std::vector<const k8s::ApiServer*>>> groups;
  for (const auto& [name, srv] : w.api_servers()) groups.push_back({name, {srv.get()}});
  if (const auto* fleet = w.fleet(); fleet && !fleet->spokes().empty()) {
    std::vector<const k8s::ApiServer*> spokes;
    for (const auto& sp : fleet->spokes()) spokes.push_back(sp.get());
    groups.push_back({"spokes", spokes});
  }
  for (const auto& [name, servers] : groups) add_server(name, servers);

  auto& req =
      s.add_family("fleetsim_apiserver_requests",
                   "Requests the API server received (every attempt, retries included).", kCounter);
  auto& rej =
      s.add_family("fleetsim_apiserver_rejected_requests",
                   "Requests rejected with 429 after waiting max_queue_wait for a seat.", kCounter);
  auto& inflight = s.add_family("fleetsim_apiserver_inflight_requests",
                                "Requests holding a seat at this instant.", kGauge);
  for (const auto& [name, servers] : groups) {
    double r = 0, x = 0, in = 0;
    for (const auto* srv : servers) {
      r += static_cast<double>(srv->stats().requests_total);
      x += static_cast<double>(srv->stats().rejected_429_total);
      in += srv->in_flight();
    }
    req.add({{"server", name}}, r);
    rej.add({{"server", name}}, x);
    inflight.add({{"server", name}}, in);
  }
}

// Hive's first-success histograms; a series exists from its first observation on.
void add_hive_first_success(MetricsSnapshot& s,
                            const std::vector<const systems::hive::HiveMetrics*>& metrics) {
  using systems::hive::HiveMetrics;
  std::vector<std::optional<H>> by_syncset;
  std::optional<H> first;
  for (const auto* m : metrics) {
    const auto& hs = m->selectorsyncsets();
    if (hs.size() > by_syncset.size()) by_syncset.resize(hs.size());
    for (std::size_t i = 0; i < hs.size(); ++i)
      if (hs[i]) {
        if (!by_syncset[i]) by_syncset[i].emplace(HiveMetrics::selectorsyncset_buckets());
        by_syncset[i]->merge(*hs[i]);
      }
    if (m->clustersync_first_success()) {
      if (!first) first.emplace(HiveMetrics::first_success_buckets());
      first->merge(*m->clustersync_first_success());
    }
  }
  auto& sss = s.add_family("hive_selectorsyncset_apply_duration_seconds",
                           "Time to first successfully apply each SelectorSyncSet to a new "
                           "cluster.",
                           kHistogram, HiveMetrics::selectorsyncset_buckets());
  for (std::size_t i = 0; i < by_syncset.size(); ++i)
    if (by_syncset[i])
      sss.add({{"name", HiveMetrics::selectorsyncset_name(static_cast<std::uint32_t>(i))}},
              *by_syncset[i]);
  auto& cs = s.add_family("hive_clustersync_first_success_duration_seconds",
                          "Time between cluster install complete and all syncsets applied.",
                          kHistogram, HiveMetrics::first_success_buckets());
  if (first) cs.add({}, *first);
}

void add_hive(MetricsSnapshot& s, const systems::World& w) {
  std::vector<const systems::hive::HiveMetrics*> metrics;
  for (const auto& sys : w.systems()) {
    if (const auto* a = dynamic_cast<const systems::hive::SyncSetInstanceSystem*>(sys.get()))
      metrics.push_back(&a->metrics());
    if (const auto* b = dynamic_cast<const systems::hive::ClusterSyncSystem*>(sys.get()))
      metrics.push_back(&b->metrics());
  }
  if (metrics.empty()) return;
  using systems::hive::HiveMetrics;
  // Per-resource applies: type "apply", result success / error.
  std::array<std::optional<H>, 2> applies;
  for (const auto* m : metrics)
    for (std::size_t r = 0; r < 2; ++r)
      if (m->applies()[r]) {
        if (!applies[r]) applies[r].emplace(HiveMetrics::apply_buckets());
        applies[r]->merge(*m->applies()[r]);
      }
  auto& dur = s.add_family(
      "hive_syncsetinstance_apply_duration_seconds",
      "Time to apply individual resources in a syncset, labeled by type of apply and result.",
      kHistogram, HiveMetrics::apply_buckets());
  auto& total = s.add_family("hive_syncsetinstance_resources_applied",
                             "Counter incremented each time we sync a resource to a remote "
                             "cluster, labeled by type of apply and result.",
                             kCounter);
  for (std::size_t r = 0; r < 2; ++r)
    if (applies[r]) {
      const MetricLabels l{{"type", "apply"}, {"result", r == 0 ? "success" : "error"}};
      dur.add(l, *applies[r]);
      total.add(l, static_cast<double>(applies[r]->count()));
    }

  // Client requests of each controller of a Hive system; Hive counts answered requests only.
  auto& req = s.add_family("hive_kube_client_requests",
                           "Counter incremented for each kube client request.", kCounter);
  auto& sec = s.add_family("hive_kube_client_request_seconds",
                           "Length of time for kubernetes client requests.", kHistogram,
                           {0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 120});
  for (const auto& c : w.controllers()) {
    bool hive = false;
    for (const auto* m : metrics) hive = hive || m->reconciles().count(c->name()) > 0;
    if (!hive) continue;
    std::map<std::tuple<std::string, std::string, std::string, std::string>, std::optional<H>>
        by_labels;  // (method, resource, remote, status): several hosts may share labels
    for (const auto& [k, e] : c->client_stats().entries()) {
      if (k.code == 0) continue;
      auto& h = by_labels[{std::string(k8s::http_method(k.verb)),
                           hive_resource_label(w.kinds().name(k.kind)), k.remote ? "true" : "false",
                           http_status_text(k.code)}];
      if (!h) h.emplace(e.seconds.bounds());
      h->merge(e.seconds);
    }
    for (const auto& [k, h] : by_labels) {
      const MetricLabels l{{"controller", c->name()},
                           {"method", std::get<0>(k)},
                           {"resource", std::get<1>(k)},
                           {"remote", std::get<2>(k)},
                           {"status", std::get<3>(k)}};
      req.add(l, static_cast<double>(h->count()));
      sec.add(l, *h);
    }
  }

  auto& rec = s.add_family("hive_controller_reconcile_seconds",
                           "Distribution of the length of time each controllers reconcile loop "
                           "takes.",
                           kHistogram, HiveMetrics::reconcile_buckets());
  std::map<std::string, HiveMetrics::Histograms> merged;
  for (const auto* m : metrics)
    for (const auto& [name, hs] : m->reconciles())
      for (std::size_t o = 0; o < hs.size(); ++o)
        if (hs[o]) {
          auto& into = merged[name][o];
          if (!into) into.emplace(HiveMetrics::reconcile_buckets());
          into->merge(*hs[o]);
        }
  for (const auto& [name, hs] : merged)
    for (std::size_t o = 0; o < hs.size(); ++o)
      if (hs[o])
        rec.add(
            {{"controller", name},
             {"outcome", systems::hive::outcome_label(static_cast<systems::hive::HiveOutcome>(o))}},
            *hs[o]);
  add_hive_first_success(s, metrics);
}

void add_fleetsim(MetricsSnapshot& s, const systems::World& w, const Sampler& sampler,
                  const std::string& scenario) {
  s.add_family("fleetsim_run_info", "The run: scenario, seed and fleetsim version (always 1).",
               kGauge)
      .add({{"scenario", scenario},
            {"seed", std::to_string(w.seed())},
            {"version", FLEETSIM_VERSION}},
           1);
  s.add_family("fleetsim_virtual_time_seconds",
               "Virtual time of this sample, in seconds since the start of the run.", kGauge)
      .add({}, s.time);
  s.add_family("fleetsim_progress_ratio",
               "Share of the scenario's work done, 0 to 1 (the progress line's figure).", kGauge)
      .add({}, w.progress());
  const SampleRow* row = sampler.rows().empty() ? nullptr : &sampler.rows().back();
  auto& cores = s.add_family("fleetsim_host_cores", "Cores of the host.", kGauge);
  auto& used = s.add_family("fleetsim_host_cores_used",
                            "Cores used by the workload over the last sample interval "
                            "(timeseries.csv H.cores_used).",
                            kGauge);
  auto& secs = s.add_family("fleetsim_host_workload_core_seconds",
                            "Core-seconds used by the workload; rate() is cores used.", kCounter);
  auto& busy = s.add_family("fleetsim_host_busy_cores",
                            "Cores busy at this instant, background load included.", kGauge);
  std::size_t i = 0;
  for (const auto& [name, h] : w.hosts()) {
    const MetricLabels l{{"host", name}};
    cores.add(l, h->cores());
    used.add(l, row && row->span > 0 && i < row->busy.size() ? row->busy[i] / row->span : 0);
    secs.add(l, h->workload_core_seconds());
    busy.add(l, h->busy_cores());
    ++i;
  }
  auto& waiting = s.add_family("fleetsim_workqueue_waiting_items",
                               "Keys waiting for a delayed add (RequeueAfter, rate-limited "
                               "retries) (timeseries.csv C.waiting).",
                               kGauge);
  for (const auto& c : w.controllers())
    waiting.add({{"name", c->name()}, {"controller", c->name()}},
                static_cast<double>(c->queue().waiting_count()));
  const auto& a = w.applies();
  auto& applies =
      s.add_family("fleetsim_applies",
                   "Resource applies completed, by result (summary.json applies).", kCounter);
  applies.add({{"result", "success"}}, static_cast<double>(a.total - a.failed));
  applies.add({{"result", "error"}}, static_cast<double>(a.failed));
}

}  // namespace

std::string hive_resource_label(const std::string& plural) {
  static const std::map<std::string, std::string> groups = {
      {"configmaps", "core/v1"},
      {"secrets", "core/v1"},
      {"namespaces", "core/v1"},
      {"serviceaccounts", "core/v1"},
      {"services", "core/v1"},
      {"pods", "core/v1"},
      {"events", "core/v1"},
      {"clusterdeployments", "hive.openshift.io/v1"},
      {"syncsets", "hive.openshift.io/v1"},
      {"selectorsyncsets", "hive.openshift.io/v1"},
      {"syncsetinstances", "hive.openshift.io/v1"},
      {"clusterdeprovisions", "hive.openshift.io/v1"},
      {"machinepools", "hive.openshift.io/v1"},
      {"clustersyncs", "hiveinternal.openshift.io/v1alpha1"},
      {"clustersyncleases", "hiveinternal.openshift.io/v1alpha1"},
      {"leases", "coordination.k8s.io/v1"}};
  const auto it = groups.find(plural);
  return it == groups.end() ? plural : it->second + "/" + plural;
}

std::string http_status_text(int code) {
  static const std::map<int, const char*> texts = {{200, "OK"},
                                                   {201, "Created"},
                                                   {202, "Accepted"},
                                                   {204, "No Content"},
                                                   {400, "Bad Request"},
                                                   {401, "Unauthorized"},
                                                   {403, "Forbidden"},
                                                   {404, "Not Found"},
                                                   {409, "Conflict"},
                                                   {410, "Gone"},
                                                   {422, "Unprocessable Entity"},
                                                   {429, "Too Many Requests"},
                                                   {500, "Internal Server Error"},
                                                   {503, "Service Unavailable"},
                                                   {504, "Gateway Timeout"}};
  const auto it = texts.find(code);
  return std::to_string(code) + (it == texts.end() ? "" : std::string(" ") + it->second);
}

MetricsSnapshot collect_metrics(const systems::World& world, const Sampler& sampler,
                                const std::string& scenario) {
  MetricsSnapshot s;
  s.time = sampler.rows().empty() ? 0 : sampler.rows().back().time;
  add_controllers(s, world);
  add_clients(s, world);
  add_api_servers(s, world);
  add_hive(s, world);
  add_cluster_metrics(s, world);
  add_fleetsim(s, world, sampler, scenario);
  return s;
}

}  // namespace fleetsim::output
