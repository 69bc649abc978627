#include "output/TimeSeriesCsv.hpp"

#include <cstdio>

namespace fleetsim::output {

namespace {
void put(std::ostream& out, double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, ",%.6g", v);
  out << buf;
}
}  // namespace

void write_timeseries_csv(std::ostream& out, const systems::World& world, const Sampler& s) {
  out << "time_s";
  for (const auto& c : world.controllers()) {
    const auto& n = c->name();
    out << ',' << n << ".queue_depth," << n << ".reconciles_per_s," << n << ".active_workers," << n
        << ".waiting";
  }
  out << ",applies_per_s";
  for (const auto& [name, h] : world.hosts()) out << ',' << name << ".cores_used";
  for (const auto& [name, svc] : world.services())
    out << ',' << name << ".in_use," << name << ".waiting," << name << ".ops_per_s";
  for (const auto& name : s.gauge_names()) out << ',' << name;
  out << '\n';
  for (const auto& r : s.rows()) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", r.time);
    out << buf;
    for (std::size_t c = 0; c < r.depth.size(); ++c) {
      put(out, r.depth[c]);
      put(out, r.reconciles[c] / r.span);
      put(out, r.active[c]);
      put(out, r.waiting[c]);
    }
    put(out, r.applies / r.span);
    for (double b : r.busy) put(out, b / r.span);
    for (std::size_t k = 0; k < r.svc_ops.size(); ++k) {
      put(out, r.svc_in_use[k]);
      put(out, r.svc_waiting[k]);
      put(out, r.svc_ops[k] / r.span);
    }
    for (double g : r.gauges) put(out, g);
    out << '\n';
  }
}

}  // namespace fleetsim::output
