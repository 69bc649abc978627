#include "output/Summary.hpp"

#include <cmath>
#include <cstdio>

#include "fleetsim_version.h"

namespace fleetsim::output {

using nlohmann::ordered_json;

double fig(double v) {
  if (v == 0 || !std::isfinite(v)) return v == v ? v : 0;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return std::strtod(buf, nullptr);
}

namespace {

ordered_json percentiles(const stats::QuantileHistogram& h) {
  return ordered_json{{"p50", fig(h.quantile(0.5))},
                      {"p90", fig(h.quantile(0.9))},
                      {"p99", fig(h.quantile(0.99))},
                      {"mean", fig(h.mean())}};
}

double safe_rate(double n, double t) {
  return t > 0 ? n / t : 0;
}

ordered_json controller_json(const k8s::Controller& c, std::size_t index, const Sampler& s,
                             double t) {
  const auto& st = c.stats();
  ordered_json by_result = ordered_json::object();
  for (int k = 0; k < k8s::kResultKinds; ++k)
    by_result[k8s::result_label(static_cast<k8s::ReconcileResult::Kind>(k))] =
        st.reconciles_by_result[k];
  const auto& qm = c.queue().metrics();
  ordered_json j;
  j["workers"] = c.workers();
  j["reconciles_total"] = st.reconciles_total();
  j["reconciles_by_result"] = by_result;
  j["reconcile_rate_per_s"] = {
      {"mean", fig(safe_rate(static_cast<double>(st.reconciles_total()), t))},
      {"peak_1m", fig(s.peak_rate(s.column_reconciles(index), 60))}};
  j["reconcile_seconds"] = percentiles(st.reconcile_seconds);
  j["queue_depth"] = {{"peak", st.depth_peak}, {"final", c.queue().len()}};
  j["queue_drained_at_s"] =
      st.drained_at >= 0 ? ordered_json(fig(st.drained_at)) : ordered_json(nullptr);
  j["idle_at_s"] = st.idle_at >= 0 ? ordered_json(fig(st.idle_at)) : ordered_json(nullptr);
  j["queue_wait_seconds"] = percentiles(qm.queue_wait);
  j["adds_total"] = qm.adds_total;
  j["retries_total"] = qm.retries_total;
  return j;
}

ordered_json api_server_json(const k8s::ApiServerStats& st) {
  return ordered_json{{"requests_total", st.requests_total},
                      {"rejected_429_total", st.rejected_429_total},
                      {"in_flight_peak", st.in_flight_peak},
                      {"latency_seconds",
                       {{"p50", fig(st.latency.quantile(0.5))},
                        {"p99", fig(st.latency.quantile(0.99))},
                        {"mean", fig(st.latency.mean())}}}};
}

ordered_json spokes_json(const systems::Fleet& fleet) {
  k8s::ApiServerStats sum;
  for (const auto& s : fleet.spokes()) {
    const auto& st = s->stats();
    sum.requests_total += st.requests_total;
    sum.rejected_429_total += st.rejected_429_total;
    sum.in_flight_peak = std::max(sum.in_flight_peak, st.in_flight_peak);
    sum.latency.merge(st.latency);
  }
  auto j = api_server_json(sum);
  j["servers"] = fleet.spokes().size();
  return j;
}

ordered_json percentiles_max(const stats::QuantileHistogram& h) {
  auto j = percentiles(h);
  j["max"] = fig(h.max());
  return j;
}

ordered_json cluster_json(const systems::World& world, const Sampler& sampler) {
  const auto& c = *world.cluster();
  const auto& st = c.stats();
  ordered_json j;
  j["pods"] = {{"created", st.pods_created},
               {"create_failures", st.create_failures},
               {"succeeded", st.pods_succeeded},
               {"pending_final", c.pending()},
               {"pending_peak", st.pending_peak},
               {"running_peak", st.running_peak},
               {"pending_seconds", percentiles_max(st.pending_seconds)},
               {"start_seconds", percentiles_max(st.start_seconds)}};
  j["scheduler"] = {{"schedule_attempts", st.schedule_attempts},
                    {"unschedulable_attempts", st.unschedulable_attempts},
                    {"binding_failures", st.binding_failures}};
  ordered_json pools = ordered_json::object();
  std::size_t g = 0;
  const auto& names = sampler.gauge_names();
  for (const auto& p : world.node_pools()) {
    const std::string column = p->name() + ".nodes";
    double mean = 0, span = 0;
    while (g < names.size() && names[g] != column) ++g;
    for (const auto& r : sampler.rows())
      if (g < r.gauges.size()) mean += r.gauges[g] * r.span, span += r.span;
    double work = 0;
    for (const auto& n : p->nodes()) work += n->host().workload_core_seconds();
    pools[p->name()] = {
        {"initial", p->config().initial},
        {"min_size", p->config().min_size},
        {"max_size", p->config().max_size},
        {"nodes_final", p->size()},
        {"nodes_peak", p->size_peak()},
        {"nodes_mean", fig(span > 0 ? mean / span : p->size())},
        {"added", p->added_total()},
        {"removed", p->removed_total()},
        {"node_hours", fig(p->node_seconds() / 3600)},
        {"cores_used_mean",
         fig(safe_rate(work, sampler.rows().empty() ? 0 : sampler.rows().back().time))}};
  }
  j["node_pools"] = pools;
  if (const auto* ca = world.cluster_autoscaler()) {
    const auto& s = ca->stats();
    j["autoscaler"] = {
        {"scans", s.scans},
        {"scale_ups", s.scale_ups},
        {"scaled_up_nodes", s.scaled_up_nodes},
        {"scaled_down_nodes", s.scaled_down_nodes},
        {"first_scale_up_at_s", s.first_scale_up_at >= 0 ? ordered_json(fig(s.first_scale_up_at))
                                                         : ordered_json(nullptr)}};
  }
  return j;
}

}  // namespace

ordered_json build_summary(const systems::World& world, const Sampler& sampler,
                           const RunInfo& run) {
  const double t = run.virtual_seconds;
  ordered_json j;
  j["scenario"] = run.scenario;
  j["seed"] = run.seed;
  j["fleetsim_version"] = FLEETSIM_VERSION;
  j["virtual_seconds"] = fig(t);
  j["complete"] = run.complete;
  j["stop_reason"] = run.stop_reason;
  j["run"] = {
      {"wall_seconds", fig(run.wall_seconds)},
      {"events", run.events},
      {"events_per_second", fig(safe_rate(static_cast<double>(run.events), run.wall_seconds))},
      {"peak_rss_bytes", run.peak_rss_bytes}};
  ordered_json controllers = ordered_json::object();
  std::size_t i = 0;
  for (const auto& c : world.controllers())
    controllers[c->name()] = controller_json(*c, i++, sampler, t);
  j["controllers"] = controllers;
  const auto& a = world.applies();
  j["applies"] = {{"total", a.total},
                  {"failed", a.failed},
                  {"rate_per_s",
                   {{"mean", fig(safe_rate(static_cast<double>(a.total), t))},
                    {"peak_1m", fig(sampler.peak_rate(sampler.column_applies(), 60))}}},
                  {"seconds", percentiles(a.seconds)}};
  ordered_json hosts = ordered_json::object();
  i = 0;
  for (const auto& [name, h] : world.hosts())
    hosts[name] = {{"cores", h->cores()},
                   {"speed", fig(h->speed())},
                   {"cores_used",
                    {{"mean", fig(safe_rate(h->workload_core_seconds(), t))},
                     {"peak_1m", fig(sampler.peak_rate(sampler.column_busy(i++), 60))}}},
                   {"all_processes_cores_used", fig(safe_rate(h->busy_core_seconds(), t))}};
  j["hosts"] = hosts;
  ordered_json servers = ordered_json::object();
  for (const auto& [name, s] : world.api_servers()) servers[name] = api_server_json(s->stats());
  if (world.fleet() && !world.fleet()->spokes().empty())
    servers["spokes"] = spokes_json(*world.fleet());
  j["api_servers"] = servers;
  if (world.cluster()) j["cluster"] = cluster_json(world, sampler);
  if (!world.services().empty()) {
    ordered_json services = ordered_json::object();
    for (const auto& [name, svc] : world.services()) services[name] = svc->summary();
    j["services"] = services;
  }
  ordered_json systems = ordered_json::object();
  for (const auto& s : world.systems()) {
    auto sj = s->summary();
    if (!sj.empty()) systems[s->name()] = sj;
  }
  if (!systems.empty()) j["systems"] = systems;
  return j;
}

}  // namespace fleetsim::output
