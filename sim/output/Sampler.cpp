#include "output/Sampler.hpp"

#include <algorithm>
#include <cmath>

namespace fleetsim::output {

Sampler::Sampler(const systems::World& world, double interval)
    : world_(world), interval_(interval) {
  last_reconciles_.assign(world_.controllers().size(), 0);
  last_busy_.assign(world_.hosts().size(), 0);
  last_svc_ops_.assign(world_.services().size(), 0);
}

void Sampler::sample(double now) {
  if (now <= last_) return;
  SampleRow row;
  row.time = now;
  row.span = now - last_;
  std::size_t i = 0;
  for (const auto& c : world_.controllers()) {
    const auto total = c->stats().reconciles_total();
    row.depth.push_back(static_cast<double>(c->queue().len()));
    row.reconciles.push_back(static_cast<double>(total - last_reconciles_[i]));
    row.active.push_back(c->active_workers());
    row.waiting.push_back(static_cast<double>(c->queue().waiting_count()));
    last_reconciles_[i++] = total;
  }
  row.applies = static_cast<double>(world_.applies().total - last_applies_);
  last_applies_ = world_.applies().total;
  i = 0;
  for (const auto& [name, h] : world_.hosts()) {
    const double b = h->workload_core_seconds();
    row.busy.push_back(b - last_busy_[i]);
    last_busy_[i++] = b;
  }
  i = 0;
  for (const auto& [name, svc] : world_.services()) {
    row.svc_in_use.push_back(svc->in_use());
    row.svc_waiting.push_back(static_cast<double>(svc->waiting()));
    row.svc_ops.push_back(static_cast<double>(svc->completed() - last_svc_ops_[i]));
    last_svc_ops_[i++] = svc->completed();
  }
  std::vector<std::pair<std::string, double>> g;
  world_.gauges(g);
  if (rows_.empty())
    for (const auto& [name, v] : g) gauge_names_.push_back(name);
  for (const auto& [name, v] : g) row.gauges.push_back(v);
  rows_.push_back(std::move(row));
  last_ = now;
}

double Sampler::peak_rate(const std::vector<double>& v, double window) const {
  if (v.empty()) return 0;
  // Whole rows covering `window`; shorter runs use everything they have.
  double best = 0, sum = 0, span = 0;
  std::size_t lo = 0;
  for (std::size_t hi = 0; hi < v.size(); ++hi) {
    sum += v[hi];
    span += rows_[hi].span;
    while (lo < hi && span - rows_[lo].span >= window - 1e-9) {
      sum -= v[lo];
      span -= rows_[lo].span;
      ++lo;
    }
    if (span >= window - 1e-9 || hi + 1 == v.size()) best = std::max(best, sum / span);
  }
  return best;
}

std::vector<double> Sampler::column_reconciles(std::size_t c) const {
  std::vector<double> v;
  for (const auto& r : rows_) v.push_back(r.reconciles[c]);
  return v;
}

std::vector<double> Sampler::column_applies() const {
  std::vector<double> v;
  for (const auto& r : rows_) v.push_back(r.applies);
  return v;
}

std::vector<double> Sampler::column_busy(std::size_t h) const {
  std::vector<double> v;
  for (const auto& r : rows_) v.push_back(r.busy[h]);
  return v;
}

}  // namespace fleetsim::output
