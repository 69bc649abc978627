#include "systems/serving/RequestSource.hpp"

#include <algorithm>
#include <cmath>

#include "engine/Sleep.hpp"

namespace fleetsim::systems::serving {

RequestSource::RequestSource(engine::Scheduler& sched, SourceSpec spec, engine::RandomStream rng,
                             std::function<void()> emit)
    : sched_(sched), spec_(std::move(spec)), rng_(rng), emit_(std::move(emit)) {}

std::uint64_t RequestSource::planned() const {
  if (spec_.kind == "cron") return spec_.jobs * spec_.runs;
  if (spec_.kind == "trace") {
    std::uint64_t n = 0;
    for (const auto& [t, c] : spec_.trace) n += static_cast<std::uint64_t>(std::llround(c));
    return n;
  }
  return spec_.end > 0 ? 0 : spec_.count;
}

double RequestSource::rate_at(double t) const {
  const auto& p = spec_.rate;
  if (p.empty()) return 0;
  if (t <= p.front().first) return p.front().second;
  if (t >= p.back().first) return p.back().second;
  const auto hi = std::upper_bound(p.begin(), p.end(), t,
                                   [](double x, const auto& pt) { return x < pt.first; });
  const auto lo = hi - 1;
  const double f = (t - lo->first) / (hi->first - lo->first);
  return lo->second + f * (hi->second - lo->second);
}

bool RequestSource::exhausted(double t) const {
  return (spec_.count > 0 && emitted_ >= spec_.count) || (spec_.end > 0 && t >= spec_.end);
}

void RequestSource::emit() {
  ++emitted_;
  emit_();
}

engine::Process RequestSource::run() {
  co_await engine::Sleep(sched_, spec_.start - sched_.now());
  if (spec_.kind == "cron")
    run_cron();
  else if (spec_.kind == "trace")
    run_trace();
  else
    run_rate();
}

engine::Process RequestSource::run_rate() {
  double peak = 0;
  for (const auto& [t, r] : spec_.rate) peak = std::max(peak, r);
  const bool poisson = spec_.kind == "poisson";
  double t = sched_.now();
  while (peak > 0 && !exhausted(t)) {
    if (poisson) {
      t += rng_.exponential(1.0 / peak);
      if (spec_.end > 0 && t >= spec_.end) break;
      if (rng_.uniform01() * peak >= rate_at(t)) continue;  // thinned out
    } else {
      const double r = rate_at(t);
      if (r <= 0) {  // jump to the next point with a positive rate, if any (a ramp up
                     // from 0 starts at that point)
        auto it = std::find_if(spec_.rate.begin(), spec_.rate.end(),
                               [t](const auto& pt) { return pt.first > t && pt.second > 0; });
        if (it == spec_.rate.end()) break;
        t = it->first;
        continue;
      }
      t += 1.0 / r;
      if (spec_.end > 0 && t >= spec_.end) break;
    }
    co_await engine::Sleep(sched_, t - sched_.now());
    emit();
  }
  done_ = true;
}

engine::Process RequestSource::run_cron() {
  std::vector<double> offsets(spec_.jobs, 0.0);
  if (spec_.spread) {
    for (auto& o : offsets) o = rng_.uniform(0, spec_.period);
    std::sort(offsets.begin(), offsets.end());
  }
  const double base = sched_.now();
  for (std::uint64_t r = 0; r < spec_.runs; ++r)
    for (double o : offsets) {
      co_await engine::Sleep(sched_,
                             base + static_cast<double>(r) * spec_.period + o - sched_.now());
      emit();
    }
  done_ = true;
}

engine::Process RequestSource::run_trace() {
  for (const auto& [t, c] : spec_.trace) {
    co_await engine::Sleep(sched_, t - sched_.now());
    const auto n = static_cast<std::uint64_t>(std::llround(c));
    for (std::uint64_t i = 0; i < n; ++i) emit();
  }
  done_ = true;
}

}  // namespace fleetsim::systems::serving
