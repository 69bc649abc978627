#include "systems/serving/ServingStats.hpp"

#include <algorithm>
#include <cmath>

#include "stats/SignificantFigures.hpp"

namespace fleetsim::systems::serving {

namespace {
using stats::six_figures;
double fig(double v) {
  return six_figures(v);
}
double nearest_rank(const std::vector<double>& sorted, double q) {
  const auto n = sorted.size();
  const auto k = static_cast<std::size_t>(std::ceil(q * static_cast<double>(n)));
  return sorted[std::min(n - 1, k > 0 ? k - 1 : 0)];
}
}  // namespace

ServingStats::ServingStats(double target_p50, double target_p99, double window)
    : target_p50_(target_p50), target_p99_(target_p99), window_(window) {}

void ServingStats::arrived(double now, std::uint64_t waiting) {
  if (first_arrival_ < 0) first_arrival_ = now;
  ++arrivals_;
  waiting_peak_ = std::max(waiting_peak_, waiting);
}

void ServingStats::close_window(std::vector<double>& lat, double span, Window& w) const {
  if (lat.empty()) return;
  std::sort(lat.begin(), lat.end());
  const double p50 = nearest_rank(lat, 0.5), p99 = nearest_rank(lat, 0.99);
  if (target_p50_ > 0 && p50 > target_p50_) w.p50_seconds += span;
  if (target_p99_ > 0 && p99 > target_p99_) w.p99_seconds += span;
  w.worst_p99 = std::max(w.worst_p99, p99);
  lat.clear();
}

void ServingStats::completed(double arrival, double now) {
  while (now >= window_start_ + window_) {
    close_window(window_latencies_, window_, windows_);
    window_start_ += window_;
  }
  const double l = now - arrival;
  latency_.observe(l);
  window_latencies_.push_back(l);
  ++completed_;
  last_completion_ = now;
  completion_sum_ += now - first_arrival_;
}

void ServingStats::replicas(double now, int spec, int ready) {
  if (!timeline_.empty() && timeline_.back().time == now)
    timeline_.back() = {now, spec, ready};
  else
    timeline_.push_back({now, spec, ready});
}

nlohmann::ordered_json ServingStats::summary(double now, bool finished) const {
  using json = nlohmann::ordered_json;
  Window w = windows_;
  auto open = window_latencies_;
  close_window(open, std::max(0.0, std::min(window_, now - window_start_)), w);
  json j;
  j["requests"] = {{"arrived", arrivals_}, {"completed", completed_}};
  j["latency_seconds"] = {{"p50", fig(latency_.quantile(0.5))},
                          {"p90", fig(latency_.quantile(0.9))},
                          {"p99", fig(latency_.quantile(0.99))},
                          {"mean", fig(latency_.mean())},
                          {"max", fig(latency_.max())}};
  j["targets"] = {
      {"p50_seconds", fig(target_p50_)},        {"p99_seconds", fig(target_p99_)},
      {"window_seconds", fig(window_)},         {"time_above_p50_s", fig(w.p50_seconds)},
      {"time_above_p99_s", fig(w.p99_seconds)}, {"worst_window_p99_s", fig(w.worst_p99)}};
  const double span = last_completion_ - first_arrival_;
  j["throughput_per_s"] = fig(span > 0 ? static_cast<double>(completed_) / span : 0);
  j["makespan_s"] = finished && completed_ > 0 ? json(fig(span)) : json(nullptr);
  j["completion_s_mean"] =
      completed_ > 0 ? fig(completion_sum_ / static_cast<double>(completed_)) : 0.0;
  j["waiting_peak"] = waiting_peak_;
  j["batches"] = {
      {"count", batches_},
      {"mean_size",
       fig(batches_ ? static_cast<double>(batched_requests_) / static_cast<double>(batches_) : 0)}};
  int lo = 0, hi = 0;
  double area = 0;
  json changes = json::array();
  for (std::size_t i = 0; i < timeline_.size(); ++i) {
    const auto& p = timeline_[i];
    lo = i == 0 ? p.spec : std::min(lo, p.spec);
    hi = std::max(hi, p.spec);
    const double until = i + 1 < timeline_.size() ? timeline_[i + 1].time : now;
    area += p.spec * (until - p.time);
    changes.push_back(json::array({fig(p.time), p.spec, p.ready}));
  }
  j["replicas"] = {{"initial", timeline_.empty() ? 0 : timeline_.front().spec},
                   {"min", lo},
                   {"max", hi},
                   {"final", timeline_.empty() ? 0 : timeline_.back().spec},
                   {"mean", fig(now > 0 ? area / now : 0)},
                   {"timeline", changes}};
  return j;
}

}  // namespace fleetsim::systems::serving
